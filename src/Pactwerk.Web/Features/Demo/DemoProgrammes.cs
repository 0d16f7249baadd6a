using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.Accounts;
using Pactwerk.Web.Features.Network;
using Pactwerk.Web.Features.Programmes;

namespace Pactwerk.Web.Features.Demo;

/// <summary>
/// Make IT Work, after the publication's Noordwest chapter: the Hogeschool van Amsterdam and IT companies retrain people
/// without a technical background into IT roles at hbo level; four cohorts a year, a third of them women, partly at the
/// school and partly at an employer; over 90 % earn the certificate and 97 % find a job at one of the 85 employers of the
/// network. The programme, its owner and its targets are the publication's; everything else is invented and says so: five
/// IT employers of the network ("(demo)" in their names, the 85 are not named in the publication), the modules, three past
/// cohorts whose participants — accounts without a password, "(demo)" in their names — passed the intake, followed the
/// modules and earned (or not) their certificate and job, and one open cohort that takes applications. The cohorts' figures
/// are never typed in: the programme page counts them from these records (<see cref="CohortFigures"/>), and they come out
/// near the publication's rates without matching them exactly, as real small cohorts would.
/// Dates follow the clock, so the past cohorts have ended and the open one starts in a few months whenever the demo loads.
/// The staff of the programme are the Hogeschool's editors: <see cref="StaffEmail"/>.
/// </summary>
public static class DemoProgrammes
{
    public const string Code = "make-it-work";
    public const string Owner = "Hogeschool van Amsterdam";
    /// <summary>An existing demo account (<see cref="DemoAccounts"/>): a partner editor of the owner, so the programme's staff.</summary>
    public const string StaffEmail = "redacteur@hva.demo";

    /// <summary>The invented employers of the network, all in Amsterdam, and the places each commits per cohort.</summary>
    public static readonly IReadOnlyList<(string Name, int PlacesPerCohort)> Employers =
    [
        ("Codewerf Amsterdam (demo)", 4), ("Datastroom B.V. (demo)", 3), ("Grachtsoft (demo)", 2), ("Netwerkhuis Zuidas (demo)", 2), ("Cloudkade (demo)", 2),
    ];

    public static readonly IReadOnlyList<(string Name, ModuleSetting Setting)> Modules =
    [
        ("Basis programmeren", ModuleSetting.AtSchool), ("Databases en cloud", ModuleSetting.AtSchool),
        ("Werkplekleren bij de werkgever", ModuleSetting.AtEmployer), ("Eindproject met de werkgever", ModuleSetting.AtEmployer),
    ];

    /// <summary>What became of an applicant: where the intake ended, or once started, the certificate and job.</summary>
    public enum Path { FailedAssessment, FailedSelection, WithdrewAtMatch, StartedNothing, StartedCertificate, StartedJob, StartedCertificateAndJob, StartedCertificateJobElsewhere }

    public sealed record Participant(string Name, Gender Gender, string Municipality, Path Path);

    /// <summary>The past cohorts, by how many months before today they started (each runs six months), and their people.</summary>
    public static readonly IReadOnlyList<(int MonthsAgo, Participant[] People)> PastCohorts =
    [
        (20, [
            new("Yusuf Aksoy", Gender.Man, "GM0363", Path.StartedCertificateAndJob), new("Femke Vos", Gender.Woman, "GM0363", Path.StartedCertificateAndJob),
            new("Marco Hendriks", Gender.Man, "GM0479", Path.StartedCertificateAndJob), new("Naima Tahiri", Gender.Woman, "GM0363", Path.StartedCertificateAndJob),
            new("Sven Dekker", Gender.Man, "GM0362", Path.StartedCertificateJobElsewhere), new("Esther Wijnands", Gender.Woman, "GM0392", Path.StartedCertificateAndJob),
            new("Ruben Lammers", Gender.Man, "GM0363", Path.StartedCertificateAndJob), new("Hamid Benali", Gender.Man, "GM0363", Path.StartedJob),
            new("Floor Schouten", Gender.Woman, "GM0034", Path.StartedCertificateAndJob), new("Jeroen Koster", Gender.NotGiven, "GM0363", Path.StartedCertificateAndJob),
            new("Tarik Groen", Gender.Man, "GM0363", Path.FailedAssessment), new("Otto Vermeulen", Gender.Man, "GM0479", Path.WithdrewAtMatch),
        ]),
        (14, [
            new("Zeynep Aarts", Gender.Woman, "GM0363", Path.StartedCertificateAndJob), new("Koen Hoekstra", Gender.Man, "GM0363", Path.StartedCertificateAndJob),
            new("Amira Nijland", Gender.Woman, "GM0362", Path.StartedCertificateAndJob), new("Wouter Postma", Gender.Man, "GM0363", Path.StartedCertificateAndJob),
            new("Lina Mahabier", Gender.Woman, "GM0363", Path.StartedCertificateAndJob), new("Thijs Aksoy", Gender.Man, "GM0392", Path.StartedCertificateJobElsewhere),
            new("Mehmet Vos", Gender.Man, "GM0363", Path.StartedCertificateAndJob), new("Fatima Hendriks", Gender.Woman, "GM0479", Path.StartedCertificateAndJob),
            new("Niels Dekker", Gender.Man, "GM0363", Path.StartedCertificate), new("Timo Wijnands", Gender.Other, "GM0034", Path.StartedCertificateAndJob),
            new("Jeroen Lammers", Gender.Man, "GM0363", Path.StartedNothing),
            new("Sven Tahiri", Gender.Man, "GM0363", Path.FailedAssessment), new("Esther Benali", Gender.Woman, "GM0363", Path.FailedSelection),
        ]),
        (10, [
            new("Naima Schouten", Gender.Woman, "GM0363", Path.StartedCertificateAndJob), new("Ruben Koster", Gender.Man, "GM0363", Path.StartedCertificateAndJob),
            new("Floor Groen", Gender.Woman, "GM0362", Path.StartedCertificateAndJob), new("Hamid Vermeulen", Gender.Man, "GM0363", Path.StartedCertificateAndJob),
            new("Marco Aarts", Gender.Man, "GM0479", Path.StartedCertificateAndJob), new("Amira Hoekstra", Gender.Woman, "GM0363", Path.StartedCertificateAndJob),
            new("Otto Nijland", Gender.Man, "GM0363", Path.StartedCertificateAndJob), new("Koen Postma", Gender.Man, "GM0392", Path.StartedCertificate),
            new("Yusuf Mahabier", Gender.Man, "GM0363", Path.StartedCertificateAndJob), new("Tarik Benali", Gender.Man, "GM0363", Path.StartedCertificateAndJob),
            new("Lina Dekker", Gender.Woman, "GM0034", Path.FailedSelection),
        ]),
    ];

    /// <summary>Applicants of the open cohort, each with how many intake steps they passed so far.</summary>
    public static readonly IReadOnlyList<(Participant Person, int StepsPassed)> OpenApplicants =
    [
        (new("Zeynep Groen", Gender.Woman, "GM0363", Path.StartedNothing), 2), (new("Wouter Vos", Gender.Man, "GM0479", Path.StartedNothing), 1),
        (new("Mehmet Schouten", Gender.Man, "GM0363", Path.StartedNothing), 0),
    ];

    public static string DisplayName(string name) => name + " (demo)";

    public static async Task<bool> SeedAsync(PactwerkDb db, UserManager<PactwerkUser> users, TimeProvider clock, CancellationToken ct)
    {
        if (await db.Set<Programme>().AnyAsync(p => p.Code == Code, ct) || !await db.Organisations.AnyAsync(o => o.Name == Owner, ct))
            return false;
        var pact = await db.Pacts.Where(p => p.Code == DemoContent.Techniekpact).Select(p => p.Id).SingleAsync(ct);
        var owner = await db.Organisations.Where(o => o.Name == Owner).Select(o => o.Id).SingleAsync(ct);
        var municipalities = await db.Regions.Where(r => r.Code.StartsWith("GM")).Select(r => new { r.Code, r.Id }).ToListAsync(ct);
        int Municipality(string code) => municipalities.First(r => r.Code == code).Id;

        var employers = Employers.Select(e => new Organisation
        {
            Name = e.Name, Helix = Helix.Business, Kind = OrganisationKind.Company, Sectors = ["ict"], MunicipalityId = Municipality("GM0363"),
            Description = "Verzonnen IT-bedrijf in het werkgeversnetwerk van Make IT Work, voor de demo.",
        }).ToList();
        db.Organisations.AddRange(employers);
        await db.SaveChangesAsync(ct);

        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var firstOfMonth = new DateOnly(today.Year, today.Month, 1);
        Cohort NewCohort(DateOnly start, int seats, CohortStatus status) => new()
        {
            Code = $"{start.Year}-{(start.Month - 1) / 3 + 1}", Name = $"Cohort {start.Year}-{(start.Month - 1) / 3 + 1}",
            StartDate = start, EndDate = start.AddMonths(6).AddDays(-1), Seats = seats, Status = status,
        };
        var past = PastCohorts.Select(c => NewCohort(firstOfMonth.AddMonths(-c.MonthsAgo), 12, CohortStatus.Closed)).ToList();
        var open = NewCohort(firstOfMonth.AddMonths(3), 15, CohortStatus.Open);
        var programme = new Programme
        {
            Code = Code, Name = "Make IT Work", PactId = pact, OwnerOrganisationId = owner, Invented = true,
            Description = "De Hogeschool van Amsterdam en IT-bedrijven scholen mensen zonder technische achtergrond om tot IT'er op hbo-niveau, " +
                "deels op de hogeschool en deels bij een werkgever. De streefcijfers zijn die uit de publicatie; werkgevers, cohorten en " +
                "deelnemers zijn verzonnen voor de demo.",
            // The publication: over 90 % certificate, 97 % job, a third women.
            Sector = "ict", TargetCertificateRate = 90, TargetJobRate = 97, TargetWomenShare = 33.3m,
            Employers = [.. employers.Select((e, i) => new ProgrammeEmployer { OrganisationId = e.Id, PlacesPerCohort = Employers[i].PlacesPerCohort })],
            Modules = [.. Modules.Select((m, i) => new ProgrammeUnit { Position = i + 1, Name = m.Name, Setting = m.Setting })],
            Steps = [.. Programme.DefaultSteps.Select((s, i) => new IntakeStep { Position = i + 1, Code = s.Code, Name = s.Name })],
            Cohorts = [.. past, open],
        };
        db.Add(programme);
        await db.SaveChangesAsync(ct);

        var steps = programme.Steps.OrderBy(s => s.Position).ToList();
        var modules = programme.Modules.OrderBy(m => m.Position).ToList();
        var number = 0;
        async Task<Candidate> CandidateAsync(Cohort cohort, Participant person)
        {
            number++;
            var email = $"deelnemer{number:00}@makeitwork.demo";
            // An account without a password: the person is invented and never signs in; the intake page names them by it.
            var user = new PactwerkUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = DisplayName(person.Name), CreatedAt = DateTime.UtcNow };
            var result = await users.CreateAsync(user);
            if (!result.Succeeded)
                throw new InvalidOperationException($"Demo participant {email}: {string.Join(" ", result.Errors.Select(e => e.Description))}");
            var applied = cohort.StartDate.AddDays(-60 + number % 7);
            return new Candidate
            {
                CohortId = cohort.Id, UserId = user.Id, Gender = person.Gender, MunicipalityId = Municipality(person.Municipality), Invented = true,
                AppliedAt = applied.ToDateTime(new TimeOnly(10, 0), DateTimeKind.Utc),
            };
        }
        CandidateStep Step(IntakeStep step, DateOnly on, StepDecision decision) => new()
        {
            IntakeStepId = step.Id, On = on, Decision = decision, RecordedBy = "demo", RecordedAt = on.ToDateTime(new TimeOnly(12, 0), DateTimeKind.Utc),
        };
        // Each step ten days after the one before, the start on the cohort's first day.
        DateOnly StepDay(Cohort cohort, int index) => cohort.StartDate.AddDays(-10 * (steps.Count - 1 - index));

        var candidates = new List<Candidate>();
        for (var c = 0; c < past.Count; c++)
        {
            var cohort = past[c];
            var employerTurn = c;
            foreach (var person in PastCohorts[c].People)
            {
                var candidate = await CandidateAsync(cohort, person);
                var (passed, stop) = person.Path switch
                {
                    Path.FailedAssessment => (1, StepDecision.Failed),
                    Path.FailedSelection => (2, StepDecision.Failed),
                    Path.WithdrewAtMatch => (3, StepDecision.Withdrawn),
                    _ => (steps.Count, StepDecision.Passed),
                };
                for (var s = 0; s < passed; s++)
                    candidate.Steps.Add(Step(steps[s], StepDay(cohort, s), StepDecision.Passed));
                if (passed < steps.Count)
                    candidate.Steps.Add(Step(steps[passed], StepDay(cohort, passed), stop));
                else
                {
                    var certificate = person.Path is Path.StartedCertificate or Path.StartedCertificateAndJob or Path.StartedCertificateJobElsewhere;
                    // Those without a certificate stopped after the school modules.
                    var completed = certificate ? modules.Count : 2;
                    for (var m = 0; m < completed; m++)
                        candidate.Modules.Add(new ModuleProgress { ModuleId = modules[m].Id, CompletedOn = cohort.StartDate.AddMonths(6 * (m + 1) / modules.Count).AddDays(-3) });
                    candidate.Certificate = certificate;
                    candidate.CertificateOn = certificate ? cohort.EndDate : null;
                    if (person.Path is Path.StartedJob or Path.StartedCertificateAndJob or Path.StartedCertificateJobElsewhere)
                    {
                        // Most start at their employer right after the programme, some a month or two later.
                        candidate.JobStartedOn = cohort.EndDate.AddDays(1).AddMonths(number % 3);
                        if (person.Path == Path.StartedCertificateJobElsewhere)
                            candidate.JobEmployerName = "Gemeente Amsterdam, afdeling ICT (demo)";
                        else
                            candidate.JobOrganisationId = employers[employerTurn++ % employers.Count].Id;
                    }
                }
                candidates.Add(candidate);
            }
        }
        foreach (var (person, stepsPassed) in OpenApplicants)
        {
            var candidate = await CandidateAsync(open, person);
            for (var s = 0; s < stepsPassed; s++)
                candidate.Steps.Add(Step(steps[s], today.AddDays(-10 * (stepsPassed - s)), StepDecision.Passed));
            candidate.AppliedAt = today.AddDays(-10 * stepsPassed - 5).ToDateTime(new TimeOnly(10, 0), DateTimeKind.Utc);
            candidates.Add(candidate);
        }
        db.AddRange(candidates);
        await db.SaveChangesAsync(ct);
        return true;
    }
}
