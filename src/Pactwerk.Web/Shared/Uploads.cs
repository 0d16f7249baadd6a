using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Pactwerk.Web.Shared;

/// <summary>
/// A file upload (multipart field <c>file</c>) held to the feature's own size limit rather than
/// the server's: refused on its declared size before a byte is read, and allowed up to the limit
/// where Kestrel (30 MB) or form reading (128 MB) would otherwise stop earlier or later.
/// </summary>
public static class Uploads
{
    /// <summary>Room for the multipart boundaries, headers and other fields around a file at the limit.</summary>
    private const long MultipartOverhead = 64 * 1024;

    /// <summary>A size in megabytes as the Dutch messages write it (2,5).</summary>
    public static string Megabytes(long bytes) => (bytes / 1024.0 / 1024.0).ToString("0.#", System.Globalization.CultureInfo.GetCultureInfo("nl"));

    /// <summary>The form of the request, or the problem to answer with.</summary>
    public static async Task<(IFormCollection? Form, ProblemHttpResult? Problem)> ReadFormAsync(HttpRequest request, long limit, CancellationToken ct)
    {
        var allowed = limit + MultipartOverhead;
        if (request.ContentLength > allowed)
            return (null, TypedResults.Problem($"Het bestand is te groot: {Megabytes(request.ContentLength.Value)} MB, hoogstens {Megabytes(limit)} MB. Er is niets veranderd.",
                statusCode: StatusCodes.Status413PayloadTooLarge, title: "Bestand te groot"));
        if (!request.HasFormContentType)
            return (null, NoFile());
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
            size.MaxRequestBodySize = allowed;
        request.HttpContext.Features.Set<IFormFeature>(new FormFeature(request, new FormOptions { MultipartBodyLengthLimit = allowed }));
        var form = await request.ReadFormAsync(ct);
        return form.Files.GetFile("file") is null ? (null, NoFile()) : (form, null);
    }

    public static async Task<byte[]> ReadAllAsync(IFormFile file, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer, ct);
        return buffer.ToArray();
    }

    private static ProblemHttpResult NoFile() =>
        TypedResults.Problem("Stuur het bestand als multipart/form-data in het veld 'file'.", statusCode: StatusCodes.Status400BadRequest, title: "Geen bestand");
}
