using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.Options;

namespace Pactwerk.Web.Shared;

public sealed class BadInputOptions
{
    public const string Section = "BadInput";
    /// <summary>Bad requests per client address and minute that each get a warning line; the rest are counted on one summary line.</summary>
    public int LoggedPerMinute { get; set; } = 10;
}

/// <summary>
/// Logs requests refused for bad input (a parameter that does not bind, a control character) as a
/// warning without a stack trace, at most <see cref="BadInputOptions.LoggedPerMinute"/> per client
/// address a minute; what is over the limit is counted and written as one summary line when the
/// client's minute has ended, so a probe cannot flood the log.
/// </summary>
public sealed class BadInputLog(IOptions<BadInputOptions> options, TimeProvider clock, ILogger<BadInputLog> log)
{
    private sealed class Window(DateTime start)
    {
        public DateTime Start { get; } = start;
        public int Logged { get; set; }
        public int Suppressed { get; set; }
    }

    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);
    private readonly Dictionary<string, Window> _windows = [];
    private readonly Lock _gate = new();

    public void Refused(HttpContext context, string reason)
    {
        var client = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        var now = clock.GetUtcNow().UtcDateTime;
        List<(string Client, Window Window)> ended;
        bool ownLine;
        lock (_gate)
        {
            ended = _windows.Where(w => now - w.Value.Start >= Minute).Select(w => (w.Key, w.Value)).ToList();
            foreach (var (key, _) in ended)
                _windows.Remove(key);
            if (!_windows.TryGetValue(client, out var window))
                _windows[client] = window = new Window(now);
            ownLine = window.Logged < options.Value.LoggedPerMinute;
            if (ownLine)
                window.Logged++;
            else
                window.Suppressed++;
        }
        foreach (var (who, w) in ended.Where(e => e.Window.Suppressed > 0))
            log.LogWarning("{Count} more bad requests from {Client} between {From:u} and {To:u}, not logged one by one.", w.Suppressed, who, w.Start, w.Start + Minute);
        if (ownLine)
            log.LogWarning("Bad request from {Client}: {Method} {Path}: {Reason}", client, context.Request.Method, context.Request.Path.Value, reason);
    }
}

/// <summary>
/// Refuses control characters (NUL and the like; tab, CR and LF are text) at the edge with a 400,
/// before any handler or database sees them: in query strings, form fields and JSON bodies. The
/// API answers with problem details, pages with the error page. The same on every database.
/// </summary>
public sealed class ControlCharacterGuard(RequestDelegate next, BadInputLog badInput, IProblemDetailsService problems)
{
    /// <summary>JSON bodies larger than this are left to the handler's own limits rather than buffered here.</summary>
    private const long MaxCheckedJsonBytes = 4 * 1024 * 1024;

    public async Task InvokeAsync(HttpContext context)
    {
        // The error page that answers a refused request is not checked again.
        if (context.Features.Get<IStatusCodeReExecuteFeature>() is null)
        {
            var where = InQuery(context.Request) ?? await InFormAsync(context.Request) ?? await InJsonAsync(context.Request);
            if (where is not null)
            {
                badInput.Refused(context, $"control character in {where}");
                await RefuseAsync(context, where);
                return;
            }
        }
        await next(context);
    }

    public static bool IsRefused(char c) => char.IsControl(c) && c is not ('\t' or '\r' or '\n');

    private static bool HasRefused(string? text) => text is not null && text.Any(IsRefused);

    /// <summary>Where a control character was found: the kind of input ("parameter", "field", "JSON field") and its name.</summary>
    private sealed record Place(string Kind, string Name)
    {
        public string Dutch => Kind switch { "parameter" => "De parameter", "field" => "Het veld", _ => "Het JSON-veld" } + $" '{Name}'";
        public override string ToString() => $"{Kind} '{Name}'";
    }

    private static Place? InQuery(HttpRequest request)
    {
        foreach (var (key, values) in request.Query)
            if (HasRefused(key) || values.Any(HasRefused))
                return new Place("parameter", Printable(key));
        return null;
    }

    private static async Task<Place?> InFormAsync(HttpRequest request)
    {
        // Multipart forms carry files, which are checked by what reads them (an import refuses binary files).
        if (!request.HasFormContentType || request.ContentType?.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase) != true)
            return null;
        IFormCollection form;
        try
        {
            // Read with the limits the endpoint declares (e.g. a long newsletter text), not the defaults,
            // so the page still gets to say the text is too long in its own words.
            if (request.HttpContext.GetEndpoint()?.Metadata.GetMetadata<IFormOptionsMetadata>() is { } limits)
            {
                var options = new FormOptions();
                options.ValueLengthLimit = limits.ValueLengthLimit ?? options.ValueLengthLimit;
                options.ValueCountLimit = limits.ValueCountLimit ?? options.ValueCountLimit;
                options.KeyLengthLimit = limits.KeyLengthLimit ?? options.KeyLengthLimit;
                request.HttpContext.Features.Set<IFormFeature>(new FormFeature(request, options));
            }
            form = await request.ReadFormAsync();
        }
        catch (InvalidDataException)
        {
            // The framework's own form reader refuses a NUL byte before we can say which field held it.
            return new Place("field", "?");
        }
        foreach (var (key, values) in form)
            if (HasRefused(key) || values.Any(HasRefused))
                return new Place("field", Printable(key));
        return null;
    }

    private static async Task<Place?> InJsonAsync(HttpRequest request)
    {
        if (request.ContentType is not { } type || !type.Contains("json", StringComparison.OrdinalIgnoreCase)
            || request.ContentLength > MaxCheckedJsonBytes)
            return null;
        request.EnableBuffering();
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, request.HttpContext.RequestAborted);
        request.Body.Position = 0;
        if (buffer.Length > MaxCheckedJsonBytes)
            return null;
        try
        {
            var reader = new Utf8JsonReader(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip });
            var property = "";
            while (reader.Read())
            {
                if (reader.TokenType == JsonTokenType.PropertyName)
                {
                    property = reader.GetString()!;
                    if (HasRefused(property))
                        return new Place("JSON field", Printable(property));
                }
                else if (reader.TokenType == JsonTokenType.String && HasRefused(reader.GetString()))
                    return new Place("JSON field", Printable(property));
            }
        }
        catch (JsonException)
        {
            // Not JSON after all: the handler says what it cannot read.
        }
        return null;
    }

    private static string Printable(string name) => new(name.Select(c => IsRefused(c) ? '?' : c).ToArray());

    private async Task RefuseAsync(HttpContext context, Place where)
    {
        context.Response.StatusCode = StatusCodes.Status400BadRequest;
        // The error page that answers a refused form re-executes as a POST: it must not read the refused form again.
        if (context.Request.HasFormContentType)
            context.Request.Form = FormCollection.Empty;
        if (!context.Request.Path.StartsWithSegments("/api"))
            return; // the status-code page explains it in the visitor's language
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails =
            {
                Status = StatusCodes.Status400BadRequest, Title = "Ongeldig verzoek",
                Detail = $"{where.Dutch} bevat een stuurteken (zoals een NUL-byte); dat wordt niet geaccepteerd. Er is niets veranderd.",
            },
        });
    }
}
