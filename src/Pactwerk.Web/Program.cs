using Pactwerk.Web;

var builder = WebApplication.CreateBuilder(args);
builder.AddPactwerk();

var app = builder.Build();
if (await app.RunCommandAsync(args) is { } exitCode)
    return exitCode;

app.MapPactwerk();
await app.RunAsync();
return 0;

/// <summary>Visible to the tests' WebApplicationFactory.</summary>
public partial class Program;
