using Microsoft.EntityFrameworkCore;
using Pactwerk.Web.Data;

namespace Pactwerk.Web.Features.Vouchers;

public sealed record VoucherCourseInput(string? Title, string? Sector, string? Level, int? Hours, decimal? Price, List<DateOnly>? StartDates, string? TargetOccupation);

public sealed class VoucherProviderInput
{
    public string? Name { get; set; }
    public string? KvkNumber { get; set; }
    public string? Iban { get; set; }
    public string? QualityRegistration { get; set; }
    public List<VoucherCourseInput>? Courses { get; set; }
}

/// <summary>A provider's registration for a scheme, and the officer's vetting of it.</summary>
public sealed class VoucherProviders(PactwerkDb db, TimeProvider clock)
{
    /// <summary>Registers a provider with its courses, not yet vetted: its courses show once the officer approves it.</summary>
    public async Task<(VoucherProvider? Provider, IDictionary<string, string[]> Errors)> RegisterAsync(VoucherScheme scheme, VoucherProviderInput input, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var name = input.Name?.Trim() ?? "";
        var kvk = input.KvkNumber?.Trim() ?? "";
        var iban = VoucherRules.NormaliseIban(input.Iban);
        var quality = input.QualityRegistration?.Trim() ?? "";
        if (name.Length is 0 or > 300)
            errors[nameof(input.Name)] = [VoucherMessages.NameMissing];
        if (!VoucherRules.IsKvkNumber(kvk))
            errors[nameof(input.KvkNumber)] = [VoucherMessages.KvkInvalid];
        if (!VoucherRules.IsIban(iban))
            errors[nameof(input.Iban)] = [VoucherMessages.IbanInvalid];
        if (quality.Length is 0 or > 200)
            errors[nameof(input.QualityRegistration)] = [VoucherMessages.QualityMissing];
        var courses = input.Courses ?? [];
        for (var i = 0; i < courses.Count; i++)
        {
            var c = courses[i];
            var problems = new List<string>();
            if (string.IsNullOrWhiteSpace(c.Title) || c.Title.Length > 300) problems.Add("Vul de titel van de opleiding in.");
            if (string.IsNullOrWhiteSpace(c.Sector) || c.Sector.Length > 40) problems.Add("Vul de sector van de opleiding in.");
            if (string.IsNullOrWhiteSpace(c.Level) || c.Level.Length > 40) problems.Add("Vul het niveau van de opleiding in.");
            if (string.IsNullOrWhiteSpace(c.TargetOccupation) || c.TargetOccupation.Length > 200) problems.Add("Vul het beroep in waartoe de opleiding leidt.");
            if (c.Hours is not > 0) problems.Add("Het aantal uren is groter dan 0.");
            if (c.Price is not > 0 || c.Price > 1_000_000 || decimal.Round(c.Price.Value, 2) != c.Price) problems.Add("De prijs is een bedrag in euro's groter dan 0, met hoogstens twee decimalen.");
            if (c.StartDates is not { Count: > 0 }) problems.Add("Geef minstens één startdatum.");
            if (problems.Count > 0)
                errors[$"Courses[{i}]"] = [.. problems];
        }
        if (errors.Count > 0)
            return (null, errors);

        var provider = new VoucherProvider
        {
            SchemeId = scheme.Id, Name = name, KvkNumber = kvk, Iban = iban, QualityRegistration = quality, RegisteredAt = clock.GetUtcNow().UtcDateTime,
            Courses = courses.Select(c => new VoucherCourse
            {
                Title = c.Title!.Trim(), Sector = c.Sector!.Trim(), Level = c.Level!.Trim(), Hours = c.Hours!.Value, Price = c.Price!.Value,
                StartDates = c.StartDates!.Distinct().Order().ToList(), TargetOccupation = c.TargetOccupation!.Trim(),
            }).ToList(),
        };
        db.VoucherProviders.Add(provider);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException failure) when (UniqueViolation.Is(failure))
        {
            db.ChangeTracker.Clear();
            return (null, new Dictionary<string, string[]> { [nameof(input.KvkNumber)] = [VoucherMessages.ProviderAlreadyRegistered] });
        }
        return (provider, errors);
    }

    /// <summary>The officer's decision on a provider, with the reason in the audit trail.</summary>
    public async Task<VoucherProvider?> VetAsync(VoucherScheme scheme, int providerId, bool approve, string reason, CancellationToken ct)
    {
        var provider = await db.VoucherProviders.SingleOrDefaultAsync(p => p.Id == providerId && p.SchemeId == scheme.Id, ct);
        if (provider is null)
            return null;
        provider.Vetted = approve;
        db.RecordEvent(clock.GetUtcNow().UtcDateTime, approve ? VoucherAuditActions.ProviderApproved : VoucherAuditActions.ProviderRejected, nameof(VoucherProvider),
            provider.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), new { scheme = scheme.Code, provider = provider.Name, reason }, scheme.PactId);
        await db.SaveChangesAsync(ct);
        return provider;
    }
}
