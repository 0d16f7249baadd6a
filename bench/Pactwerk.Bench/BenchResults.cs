using System.Text.Json;

/// <summary>
/// Where a run writes its figures as JSON: <c>bench/results/{date}-{name}.json</c>, dated by the day of the run. A name with
/// a date fixed in the code made every later run overwrite the committed results of that day with figures of another day.
/// </summary>
internal static class BenchResults
{
    public static async Task<string> WriteAsync(string repository, string name, object figures)
    {
        var path = Path.Combine(repository, "bench", "results", $"{DateTime.UtcNow:yyyy-MM-dd}-{name}.json");
        await File.WriteAllTextAsync(path, JsonSerializer.Serialize(figures, new JsonSerializerOptions { WriteIndented = true }));
        return path;
    }
}
