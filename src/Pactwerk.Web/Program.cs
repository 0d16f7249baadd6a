using Pactwerk.Web.Data;
using Pactwerk.Web.Features.Accounts;
using Pactwerk.Web.Features.Monitor;
using Pactwerk.Web.Features.Monitor.Import;
using Pactwerk.Web.Features.ReferenceData;
using Pactwerk.Web.Shared;

var builder = WebApplication.CreateBuilder(args);
builder.AddPactwerkDatabase();
builder.AddReferenceData();
builder.AddMonitor();
builder.AddAccounts();
builder.AddPactwerkWeb();
builder.Services.AddHostedService<DatabaseInitialiser>();

var app = builder.Build();
if (ReferenceDataCommand.Handles(args))
    return await ReferenceDataCommand.RunAsync(app.Services, args);
if (ImportCommand.Handles(args))
    return await ImportCommand.RunAsync(app.Services, args);

app.UsePactwerkWeb();
app.MapPactwerkApi();
app.MapPactwerkPages();
await app.RunAsync();
return 0;

/// <summary>Visible to the tests' WebApplicationFactory.</summary>
public partial class Program;
