using System.Diagnostics;
using Microsoft.Extensions.Options;

namespace Pactwerk.Web.Features.Monitor.Editions;

/// <summary>Where the headless Chromium that prints documents is (<c>Pactwerk:Chromium</c>).</summary>
public sealed class ChromiumOptions
{
    public const string Section = "Pactwerk";
    public string Chromium { get; set; } = "/usr/bin/chromium";
    /// <summary>How long one print may take before it is given up (the machine may be busy).</summary>
    public int ChromiumTimeoutSeconds { get; set; } = 120;
}

/// <summary>Chromium is not installed where <c>Pactwerk:Chromium</c> says, or it failed to print.</summary>
public sealed class PdfUnavailableException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// Prints a self-contained HTML page to PDF with headless Chromium. Chosen over PDFsharp because Chromium writes a tagged PDF
/// (structure tree from the page's headings, tables with header cells, figures with their text alternative, the document
/// language) from the same accessible HTML the site serves; the measurement is in the README.
/// </summary>
public sealed class ChromiumPdf(IOptions<ChromiumOptions> options, ILogger<ChromiumPdf> log)
{
    public bool Available => File.Exists(options.Value.Chromium);

    public async Task<byte[]> PrintAsync(string html, CancellationToken ct)
    {
        var chromium = options.Value.Chromium;
        if (!File.Exists(chromium))
            throw new PdfUnavailableException($"Chromium is not installed at {chromium} (setting Pactwerk:Chromium).");
        var work = Directory.CreateTempSubdirectory("pactwerk-pdf-");
        try
        {
            var page = Path.Combine(work.FullName, "edition.html");
            var output = Path.Combine(work.FullName, "edition.pdf");
            await File.WriteAllTextAsync(page, html, ct);
            var start = new ProcessStartInfo(chromium) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
            // A profile of its own per print: two prints at once would otherwise fight over the default profile's lock.
            foreach (var argument in new[]
                     {
                         "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer", "--generate-pdf-document-outline",
                         "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-extensions",
                         $"--user-data-dir={Path.Combine(work.FullName, "profile")}", $"--print-to-pdf={output}", new Uri(page).AbsoluteUri,
                     })
                start.ArgumentList.Add(argument);
            using var process = Process.Start(start) ?? throw new PdfUnavailableException($"Chromium at {chromium} did not start.");
            var stderr = process.StandardError.ReadToEndAsync(ct);
            var stdout = process.StandardOutput.ReadToEndAsync(ct);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(TimeSpan.FromSeconds(options.Value.ChromiumTimeoutSeconds));
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                if (ct.IsCancellationRequested)
                    throw;
                throw new PdfUnavailableException($"Chromium took longer than {options.Value.ChromiumTimeoutSeconds} s to print the document.");
            }
            await Task.WhenAll(stderr, stdout);
            if (process.ExitCode != 0 || !File.Exists(output) || new FileInfo(output).Length == 0)
            {
                log.LogError("Chromium ({Chromium}) exited with {ExitCode} without a PDF: {Error}", chromium, process.ExitCode, await stderr);
                throw new PdfUnavailableException($"Chromium at {chromium} did not print the document (exit code {process.ExitCode}).");
            }
            return await File.ReadAllBytesAsync(output, ct);
        }
        finally
        {
            try { work.Delete(recursive: true); }
            catch (IOException) { /* a left-over temporary folder is harmless; the next print uses its own */ }
        }
    }
}
