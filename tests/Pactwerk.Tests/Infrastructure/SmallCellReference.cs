namespace Pactwerk.Tests.Infrastructure;

/// <summary>
/// The small-cell rule worked out by hand for the share of technology in the DUO file, as a second
/// implementation that shares no code with the app: what a confidential source built from the file must hide.
/// </summary>
public static class SmallCellReference
{
    public static bool Techniek(Func<string, string> column) => column("ONDERDEEL") == "techniek";

    /// <param name="Hidden">"&lt;5", "×" or null when the figure is shown.</param>
    public sealed record Expected(string Code, long Numerator, long Denominator, string? Hidden);

    /// <summary>
    /// The share of technology per region of a set, with the small-cell rule applied by hand over the whole system of sums
    /// read from the region files: fewer than 5 is hidden; the regions of each set add up to the country and every region is
    /// the sum of its municipalities; while a sum has exactly one hidden member, its member with the smallest denominator
    /// (then the lowest code) is hidden too. Sums are visited set by set (by code: AM, CR, GM, PV, TP), then each region's own.
    /// </summary>
    public static List<Expected> Shares(string prefix, int year)
    {
        var regions = DuoReference.Regions();
        var figures = regions.ToDictionary(r => r.Key, r => (T: DuoReference.Sum(year, r.Value, Techniek).Sum, A: DuoReference.Sum(year, r.Value).Sum));
        bool Filled(string code) => figures[code].A > 0;
        var hidden = figures.Where(f => f.Value.A > 0 && (f.Value.T < 5 || f.Value.A < 5)).ToDictionary(f => f.Key, _ => "<5");
        string Set(string code) => code.StartsWith("TP-", StringComparison.Ordinal) ? "TP" : code[..2];
        var codes = regions.Keys.Where(c => c != "NL").Order(StringComparer.Ordinal).ToList();
        var sums = codes.GroupBy(Set).Select(g => g.Prepend("NL").ToList())
            .Concat(codes.Where(c => Set(c) != "GM").Select(c => regions[c].Order(StringComparer.Ordinal).Prepend(c).ToList())).ToList();
        for (var changed = true; changed;)
        {
            changed = false;
            foreach (var sum in sums.Where(s => s.Count(hidden.ContainsKey) == 1))
            {
                var next = sum.Where(c => !hidden.ContainsKey(c) && Filled(c)).OrderBy(c => figures[c].A).ThenBy(c => c, StringComparer.Ordinal).FirstOrDefault();
                if (next is not null)
                    (hidden[next], changed) = ("×", true);
            }
        }
        return codes.Where(c => c.StartsWith(prefix, StringComparison.Ordinal))
            .Select(c => new Expected(c, figures[c].T, figures[c].A, hidden.GetValueOrDefault(c))).ToList();
    }
}
