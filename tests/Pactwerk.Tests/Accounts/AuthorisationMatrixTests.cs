using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Pactwerk.Tests.Agenda;
using Pactwerk.Tests.Infrastructure;
using Pactwerk.Web.Features.Agenda;
using Pactwerk.Web.Features.Knowledge;
using Pactwerk.Web.Features.Network;
using static Pactwerk.Tests.Infrastructure.Session;

namespace Pactwerk.Tests.Accounts;

/// <summary>
/// Every endpoint declares who may use it, and every role gets exactly the outcome the design
/// gives it on every operation that changes or reveals something.
/// </summary>
public abstract class AuthorisationMatrixTests<TFactory>(TFactory factory) : IClassFixture<TFactory> where TFactory : PactwerkFactory
{
    private static readonly string[] Roles =
    [
        "anonymous", "lid@pactwerk.demo", "redacteur@hva.demo", "noord@techniekpact.demo", "oost@techniekpact.demo",
        "coordinator@zorgpact.demo", "coordinator@techniekpact.demo", "beheerder@pactwerk.demo",
    ];

    [Fact]
    public void Every_endpoint_and_page_declares_its_access_policy()
    {
        var endpoints = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();

        var undeclared = endpoints.Where(e => e.Metadata.GetMetadata<IAllowAnonymous>() is null && e.Metadata.GetMetadata<IAuthorizeData>() is null)
            .Select(e => e.RoutePattern.RawText).ToList();

        Assert.True(endpoints.Count > 20, $"only {endpoints.Count} endpoints found");
        Assert.True(undeclared.Count == 0, "Endpoints without an access policy: " + string.Join(", ", undeclared));
    }

    [Fact]
    public async Task Anonymous_calls_to_every_changing_operation_in_the_OpenAPI_document_are_refused()
    {
        var client = Anonymous(factory);
        using var doc = JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json"));
        var outcomes = new List<string>();

        foreach (var path in doc.RootElement.GetProperty("paths").EnumerateObject())
            foreach (var operation in path.Value.EnumerateObject().Where(o => o.Name is "post" or "put" or "patch" or "delete"))
            {
                var url = System.Text.RegularExpressions.Regex.Replace(path.Name, "{[^}]+}", "1");
                var request = new HttpRequestMessage(new HttpMethod(operation.Name.ToUpperInvariant()), url)
                {
                    Content = new StringContent("{}", Encoding.UTF8, "application/json"),
                };
                var status = (int)(await client.SendAsync(request)).StatusCode;
                outcomes.Add($"{operation.Name} {path.Name} → {status}");
                // Registering for a public event is open to anyone; an empty registration is refused as invalid.
                if (operation.Name == "post" && path.Name == "/api/v1/events/{id}/registrations")
                {
                    Assert.True(status is 400 or 404, $"POST {url} answered {status} to an empty anonymous registration");
                    continue;
                }
                // Asking for the newsletter, confirming and unsubscribing are open to anyone; the token
                // or the mailed link is the authority, and an empty request is refused as invalid.
                if (operation.Name == "post" && path.Name is "/api/v1/pacts/{code}/newsletter/subscriptions" or "/api/v1/newsletter/confirm" or "/api/v1/newsletter/unsubscribe")
                {
                    Assert.True(status is 400 or 404, $"POST {url} answered {status} to an empty anonymous newsletter request");
                    continue;
                }
                // Applying for a voucher, registering as a training provider, and withdrawing, exporting, erasing or
                // confirming the enrolment with the mailed key are open to anyone; an empty request is refused as invalid or names no scheme.
                if (operation.Name == "post" && path.Name is "/api/v1/voucher-schemes/{code}/applications" or "/api/v1/voucher-schemes/{code}/providers"
                        or "/api/v1/voucher-applications/withdrawal" or "/api/v1/voucher-applications/export" or "/api/v1/voucher-applications/erasure"
                        or "/api/v1/voucher-applications/enrolment")
                {
                    Assert.True(status is 400 or 404, $"POST {url} answered {status} to an empty anonymous voucher request");
                    continue;
                }
                // Anyone signs up as a volunteer for a shift of workshop days without an account; an empty sign-up is refused
                // as invalid, or names no event or shift.
                if (operation.Name == "post" && path.Name == "/api/v1/workshop-days/{id}/shifts/{shiftId}/volunteers")
                {
                    Assert.True(status is 400 or 404, $"POST {url} answered {status} to an empty anonymous volunteer sign-up");
                    continue;
                }
                // A school registers for workshop days without an account and changes its registration, or cancels a class,
                // with the secret key of its link; an empty request is refused as invalid or names no event or class.
                if ((operation.Name == "post" && path.Name is "/api/v1/workshop-days/{id}/registrations" or "/api/v1/workshop-day-registrations/cancellation")
                    || (operation.Name == "put" && path.Name == "/api/v1/workshop-day-registrations"))
                {
                    Assert.True(status is 400 or 404, $"{operation.Name.ToUpperInvariant()} {url} answered {status} to an empty anonymous workshop registration");
                    continue;
                }
                Assert.True(status is 401 or 403, $"{operation.Name.ToUpperInvariant()} {url} answered {status} to an anonymous caller");
            }

        Assert.True(outcomes.Count >= 5, string.Join("; ", outcomes));
    }

    [Fact]
    public async Task Each_role_gets_exactly_its_rights()
    {
        var clients = new Dictionary<string, HttpClient>();
        foreach (var role in Roles)
            clients[role] = role == "anonymous" ? Anonymous(factory) : await SignInAsync(factory, role);
        var person = new Person { Name = "Matrix Persoon", Email = "matrix@example.org" };
        await factory.InDbAsync(async db => { db.People.Add(person); return await db.SaveChangesAsync(); });
        // Outputs belong to a year of the action's period; the demo need not give Make IT Work one.
        await factory.InDbAsync(db => db.PactActions.Where(a => a.Slug == "make-it-work")
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.StartsOn, new DateOnly(2017, 1, 1)).SetProperty(a => a.EndsOn, (DateOnly?)null)));

        // Plans in a known state, whatever the demo brings; each call below puts the revision back in the state it needs.
        await PlanData.ClearAsync(factory);
        var (oostPlan, oostRevision) = await PlanData.CreateAsync(factory, "TP-OOST", RevisionStatus.Draft);
        var (noordPlan, noordRevision) = await PlanData.CreateAsync(factory, "TP-NOORD", RevisionStatus.Draft);
        var (nationalPlan, nationalRevision) = await PlanData.CreateAsync(factory, null, RevisionStatus.Proposed);

        // A learning account for the Noord lead with two bookings of a course the demo member delivers (linked as the provider's user).
        var (course, toDeliver, toCancel) = await LearningBookingsAsync(clients);
        // Noord's account also holds money of a funder the HvA editor is the officer of; its statement is read by number.
        var account = await LearningFunderAsync();
        static object MatrixDeposit() => new { email = "matrix-storting@example.org", amount = 12.5m, validUntil = "2030-12-31", followsPerson = true, reference = Guid.NewGuid().ToString("N") };
        static StringContent MatrixFile() => new($"email;amount;reference;validUntil\nmatrix-storting@example.org;12,50;{Guid.NewGuid():N};2030-12-31\n", Encoding.UTF8, "text/csv");

        // A learning place of the HvA, whose editor is its staff; coordinators of any pact place learners on it too.
        var (hva, hvaSupervisor, hvaPlace) = await LearningPlaces.LearningPlacesTestData.DbPlaceAsync(factory, "Hogeschool van Amsterdam");
        // A Techniekpact programme of the HvA: its staff are the HvA's editors, the pact's coordinators and administrators.
        var programme = await Programmes.ProgrammesTestData.ProgrammeAsync(factory);
        // Another programme, to which the member applied: only they correct that application.
        var corrected = await Programmes.ProgrammesTestData.ProgrammeAsync(factory);
        var memberApplication = await Programmes.ProgrammesTestData.AppliedAsync(clients["lid@pactwerk.demo"], corrected);
        object NewProgramme() => new
        {
            code = "matrix-" + Guid.NewGuid().ToString("N")[..8], name = "Matrixprogramma", pact = "techniekpact", ownerOrganisationId = hva,
            targetCertificateRate = 90, targetJobRate = 97, targetWomenShare = 33.3m,
        };
        // The member is a consenting candidate: they and the coordinators read the places ranked for them.
        var memberCandidate = await factory.InDbAsync(async db =>
        {
            var candidate = new Pactwerk.Web.Features.Matching.Candidate { Email = "lid@pactwerk.demo", CreatedAt = DateTime.UtcNow, ConsentGivenAt = DateTime.UtcNow };
            db.Add(candidate);
            await db.SaveChangesAsync();
            return candidate.Id;
        });
        // A vacancy of the HvA, whose editor is its staff; it asks one competence of any framework.
        var (askedCompetence, hvaVacancy) = await factory.InDbAsync(async db =>
        {
            var competence = await db.Competences.OrderBy(c => c.Id).Select(c => c.Id).FirstAsync();
            var vacancy = new Pactwerk.Web.Features.Matching.Vacancy
            {
                OrganisationId = hva, Title = "Matrixvacature", Sector = "ict", HoursPerWeek = 32m, OpenUntil = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(60),
                MunicipalityId = await db.Regions.Where(r => r.Code == "GM0363").Select(r => r.Id).FirstAsync(),
                Requirements = [new() { CompetenceId = competence, Required = true, Weight = 3, MinimumLevel = 2 }],
            };
            db.Add(vacancy);
            await db.SaveChangesAsync();
            return (competence, vacancy.Id);
        });
        Task<int> FreshVacancyAsync() => factory.InDbAsync(async db =>
        {
            var vacancy = new Pactwerk.Web.Features.Matching.Vacancy
            {
                OrganisationId = hva, Title = "Matrixvacature voorstel", Sector = "ict", HoursPerWeek = 32m, OpenUntil = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(60),
                MunicipalityId = await db.Regions.Where(r => r.Code == "GM0363").Select(r => r.Id).FirstAsync(),
            };
            db.Add(vacancy);
            await db.SaveChangesAsync();
            return vacancy.Id;
        });
        async Task<int> FreshVacancyProposalAsync()
        {
            var vacancy = await FreshVacancyAsync();
            return await factory.InDbAsync(async db =>
            {
                var proposal = new Pactwerk.Web.Features.Matching.Proposal { CandidateId = memberCandidate, VacancyId = vacancy, ProposedBy = "matrix", ProposedAt = DateTime.UtcNow };
                db.Add(proposal);
                await db.SaveChangesAsync();
                return proposal.Id;
            });
        }
        object HvaVacancy(string title) => new
        {
            organisationId = hva, title, sector = "ict", municipality = "GM0363", hoursPerWeek = 32m, openUntil = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(60).ToString("yyyy-MM-dd"),
            requirements = new[] { new { competenceId = askedCompetence, required = true, weight = 3, minimumLevel = 2 } },
        };
        object HvaPlace(string title) => new
        {
            organisationId = hva, title, kind = "WorkBasedPlace", sector = "ict", municipality = "GM0363", seats = 10,
            periods = new[] { new { from = "2027-07-01", to = "2027-08-31" } }, supervisors = new[] { hvaSupervisor },
        };

        var operations = new (string Name, string Expected, Func<HttpClient, Task<HttpResponseMessage>> Call)[]
        {
            // The competence frameworks are public reading: what a competence is called is no secret.
            ("GET competences search",              "200 200 200 200 200 200 200 200", c => c.GetAsync("/api/v1/competences?pact=zorgpact&q=wond")),
            ("GET competence",                      "200 200 200 200 200 200 200 200", c => c.GetAsync("/api/v1/competences/wondzorg?pact=zorgpact")),
            ("GET competence pages",                "200 200 200 200 200 200 200 200", c => c.GetAsync("/competenties/zorgpact/wondzorg")),
            // A pact's framework is kept by its own coordinators (and administrators).
            ("GET competence form (zorgpact)",      "302 302 302 302 302 200 302 200", c => c.GetAsync("/competenties/zorgpact/bewerken/wondzorg")),
            ("GET learning places",                 "200 200 200 200 200 200 200 200", c => c.GetAsync("/api/v1/learning-places?sector=ict")),
            ("POST learning place (HvA)",           "401 403 201 403 403 403 403 201", c => c.PostAsJsonAsync("/api/v1/learning-places", HvaPlace("Matrixplek"))),
            ("PUT learning place (HvA)",            "401 403 200 403 403 403 403 200", c => c.PutAsJsonAsync($"/api/v1/learning-places/{hvaPlace}", HvaPlace("Matrixplek gewijzigd"))),
            ("POST supervisor (HvA)",               "401 403 201 403 403 403 403 201", c => c.PostAsJsonAsync("/api/v1/learning-place-supervisors", new { organisationId = hva, name = "Matrix Begeleider", capacity = 2 })),
            ("GET supervisors (HvA)",               "401 403 200 403 403 403 403 200", c => c.GetAsync($"/api/v1/learning-place-supervisors?organisation={hva}")),
            ("POST placement on an HvA place",      "401 403 201 403 403 201 201 201", c => c.PostAsJsonAsync($"/api/v1/learning-places/{hvaPlace}/placements", new { learner = "M-1", from = "2027-07-05", to = "2027-07-09" })),
            ("GET placements of an HvA place",      "401 403 200 403 403 200 200 200", c => c.GetAsync($"/api/v1/learning-places/{hvaPlace}/placements")),
            // Programmes and cohorts are public; anyone signed in applies for themselves; the programme's staff decide.
            ("GET programmes",                      "200 200 200 200 200 200 200 200", c => c.GetAsync("/api/v1/programmes")),
            ("GET programme cohorts",               "200 200 200 200 200 200 200 200", c => c.GetAsync($"/api/v1/programmes/{programme}/cohorts")),
            ("POST application to a cohort",        "401 201 201 201 201 201 201 201", c => Programmes.ProgrammesTestData.ApplyAsync(c, programme, new { municipality = "GM0363" })),
            ("GET programmes page",                 "200 200 200 200 200 200 200 200", c => c.GetAsync("/programmas")),
            ("GET programme page",                  "200 200 200 200 200 200 200 200", c => c.GetAsync($"/programmas/{programme}")),
            ("GET own programme applications",      "401 200 200 200 200 200 200 200", c => c.GetAsync("/api/v1/programme-applications")),
            ("GET apply to a cohort page",          "302 200 200 200 200 200 200 200", c => c.GetAsync($"/programmas/{programme}/c1/aanmelden")),
            ("GET own applications page",           "302 200 200 200 200 200 200 200", c => c.GetAsync("/programmas/mijn")),
            ("GET own programme data (JSON)",       "302 200 200 200 200 200 200 200", c => c.GetAsync("/programmas/mijn?handler=Export")),
            ("GET cohort intake page (HvA)",        "302 302 200 302 302 302 200 200", c => c.GetAsync($"/programmas/{programme}/c1/intake")),
            // Setting a programme up: whoever will be its staff — the owner's editors, the pact's coordinators, administrators.
            ("GET programme (API)",                 "200 200 200 200 200 200 200 200", c => c.GetAsync($"/api/v1/programmes/{programme}")),
            ("POST programme (HvA)",                "401 403 201 403 403 403 201 201", c => c.PostAsJsonAsync("/api/v1/programmes", NewProgramme())),
            ("PUT programme (HvA), as read",        "401 403 200 403 403 403 200 200", async c =>
                await c.PutAsync($"/api/v1/programmes/{programme}", new StringContent(await Anonymous(factory).GetStringAsync($"/api/v1/programmes/{programme}"), Encoding.UTF8, "application/json"))),
            // On the other programme: the intake rows above need this one to keep its single cohort.
            ("POST cohort (HvA)",                   "401 403 201 403 403 403 201 201", c => c.PostAsJsonAsync($"/api/v1/programmes/{corrected}/cohorts",
                new { code = "m-" + Guid.NewGuid().ToString("N")[..8], name = "Matrixcohort", startDate = "2028-03-01", endDate = "2028-08-31", seats = 10 })),
            ("PUT cohort c1 (HvA), unchanged",      "401 403 200 403 403 403 200 200", c => c.PutAsJsonAsync($"/api/v1/programmes/{programme}/cohorts/c1",
                new { name = "Cohort 1", startDate = "2027-03-01", endDate = "2027-08-31", seats = 20 })),
            // Removing: a fresh programme (with its empty cohort c1) each time, so that who may remove it is what the row shows.
            ("DELETE an empty cohort (HvA)",        "401 403 204 403 403 403 204 204", async c =>
                await c.DeleteAsync($"/api/v1/programmes/{await Programmes.ProgrammesTestData.ProgrammeAsync(factory)}/cohorts/c1")),
            ("DELETE an empty programme (HvA)",     "401 403 204 403 403 403 204 204", async c =>
                await c.DeleteAsync($"/api/v1/programmes/{await Programmes.ProgrammesTestData.ProgrammeAsync(factory)}")),
            ("GET employer network",                "200 200 200 200 200 200 200 200", c => c.GetAsync($"/api/v1/programmes/{programme}/employers")),
            ("PUT employer network (HvA)",          "401 403 200 403 403 403 200 200", c => c.PutAsJsonAsync($"/api/v1/programmes/{programme}/employers", Array.Empty<object>())),
            ("GET programme modules",               "200 200 200 200 200 200 200 200", c => c.GetAsync($"/api/v1/programmes/{programme}/modules")),
            ("PUT modules (HvA)",                   "401 403 200 403 403 403 200 200", c => c.PutAsJsonAsync($"/api/v1/programmes/{programme}/modules", Array.Empty<object>())),
            ("PUT the member's own application",    "401 200 404 404 404 404 404 404", c => c.PutAsJsonAsync($"/api/v1/programme-applications/{memberApplication}", new { municipality = "GM0363" })),
            ("GET new programme page",              "302 302 200 302 302 200 200 200", c => c.GetAsync("/programmas/nieuw")),
            ("GET edit programme page (HvA)",       "302 302 200 302 302 302 200 200", c => c.GetAsync($"/programmas/{programme}/bewerken")),
            ("GET programme set-up page (HvA)",     "302 302 200 302 302 302 200 200", c => c.GetAsync($"/programmas/{programme}/onderdelen")),
            ("GET cohort participants (HvA)",       "401 403 200 403 403 403 200 200", c => c.GetAsync($"/api/v1/programmes/{programme}/cohorts/c1/participants")),
            // The participant page's picker searches the employer network for the programme's staff alone.
            ("GET employer network lookup (HvA)",   "401 403 200 403 403 403 200 200", c => c.GetAsync($"/api/v1/programmes/{programme}/employers/lookup?q=a")),
            ("GET cohort candidates (HvA)",         "401 403 200 403 403 403 200 200", c => c.GetAsync($"/api/v1/programmes/{programme}/cohorts/c1/candidates")),
            ("POST intake decision (HvA)",          "401 403 201 403 403 403 201 201", async c =>
            {
                var candidate = (await Programmes.ProgrammesTestData.ReadyToStartAsync(factory, programme, 1))[0];
                return await Programmes.ProgrammesTestData.DecideAsync(c, programme, candidate, "start", "Passed", "2027-02-01");
            }),
            // Matching: the place's organisation sees its candidates (blind), coordinators see them named; what a place asks is
            // set by the organisation or a coordinator; a candidate's ranked places are theirs and the coordinators'.
            ("GET candidates for an HvA place",     "401 403 200 403 403 200 200 200", c => c.GetAsync($"/api/v1/learning-places/{hvaPlace}/candidates")),
            ("PUT requirements of an HvA place",    "401 403 200 403 403 200 200 200", c => c.PutAsJsonAsync($"/api/v1/learning-places/{hvaPlace}/requirements", Array.Empty<object>())),
            ("GET places for the member candidate", "401 200 403 403 403 200 200 200", c => c.GetAsync($"/api/v1/candidates/{memberCandidate}/places")),
            ("GET my candidate profile",            "401 200 404 404 404 404 404 404", c => c.GetAsync("/api/v1/candidates/me")),
            // Vacancies are public to read; the organisation's staff publish and change them; candidates are ranked for them as
            // for a place (the staff blind, coordinators named); a candidate's ranked vacancies are theirs and the coordinators'.
            ("GET vacancies (HvA)",                 "200 200 200 200 200 200 200 200", c => c.GetAsync($"/api/v1/vacancies?organisation={hva}")),
            ("GET vacancy (HvA)",                   "200 200 200 200 200 200 200 200", c => c.GetAsync($"/api/v1/vacancies/{hvaVacancy}")),
            ("POST vacancy (HvA)",                  "401 403 201 403 403 403 403 201", c => c.PostAsJsonAsync("/api/v1/vacancies", HvaVacancy("Matrixvacature nieuw"))),
            ("PUT vacancy (HvA)",                   "401 403 200 403 403 403 403 200", c => c.PutAsJsonAsync($"/api/v1/vacancies/{hvaVacancy}", HvaVacancy("Matrixvacature gewijzigd"))),
            ("GET candidates for an HvA vacancy",   "401 403 200 403 403 200 200 200", c => c.GetAsync($"/api/v1/vacancies/{hvaVacancy}/candidates")),
            ("GET vacancies for the member candidate", "401 200 403 403 403 200 200 200", c => c.GetAsync($"/api/v1/candidates/{memberCandidate}/vacancies")),
            // Proposals for a vacancy follow the places' rules: coordinators propose (each call a fresh vacancy, so none is a
            // duplicate); the vacancy's organisation decides (each call a fresh proposal); its page is for them and the candidate.
            ("POST vacancy proposal (HvA)",         "401 403 403 403 403 201 201 201", async c =>
                await c.PostAsJsonAsync("/api/v1/candidate-proposals", new { candidateId = memberCandidate, vacancyId = await FreshVacancyAsync() })),
            ("POST accept vacancy proposal (HvA)",  "401 403 200 403 403 403 403 200", async c =>
                await c.PostAsync($"/api/v1/candidate-proposals/{await FreshVacancyProposalAsync()}/accept", null)),
            ("GET vacancy proposal page (HvA)",     "302 200 200 302 302 200 200 200", async c => await c.GetAsync($"/voorstellen/{await FreshVacancyProposalAsync()}")),
            ("GET learning places year page",       "200 200 200 200 200 200 200 200", c => c.GetAsync($"/leerplekken/jaar?organisatie={hva}&jaar=2027")),
            ("GET learning places list page",      "200 200 200 200 200 200 200 200", c => c.GetAsync("/leerplekken?sector=ict")),
            ("GET learning place page (HvA)",      "200 200 200 200 200 200 200 200", c => c.GetAsync($"/leerplekken/{hvaPlace}")),
            ("GET new learning place page (HvA)",  "302 302 200 302 302 302 302 200", c => c.GetAsync($"/leerplekken/nieuw?organisatie={hva}")),
            ("GET edit learning place page (HvA)", "302 302 200 302 302 302 302 200", c => c.GetAsync($"/leerplekken/{hvaPlace}/bewerken")),
            ("GET supervisors page (HvA)",         "302 302 200 302 302 302 302 200", c => c.GetAsync($"/leerplekken/begeleiders?organisatie={hva}")),
            // Matching's pages follow the API's rules: a candidate's own pages for any signed-in person, the ranking for the
            // place's organisation (blind) and coordinators, what a place asks for its organisation and coordinators.
            ("GET my competences page",            "302 200 200 200 200 200 200 200", c => c.GetAsync("/mijn-competenties")),
            ("GET my places page",                 "302 200 200 200 200 200 200 200", c => c.GetAsync("/mijn-competenties/leerplekken")),
            ("GET my vacancies page",              "302 200 200 200 200 200 200 200", c => c.GetAsync("/mijn-competenties/vacatures")),
            ("GET candidates page (HvA place)",    "302 302 200 302 302 200 200 200", c => c.GetAsync($"/leerplekken/{hvaPlace}/kandidaten")),
            ("GET requirements page (HvA place)",  "302 302 200 302 302 200 200 200", c => c.GetAsync($"/leerplekken/{hvaPlace}/eisen")),
            ("GET vacancies page (HvA)",           "200 200 200 200 200 200 200 200", c => c.GetAsync($"/organisaties/{hva}/vacatures")),
            ("GET vacancy page (HvA)",             "200 200 200 200 200 200 200 200", c => c.GetAsync($"/vacatures/{hvaVacancy}")),
            ("GET new vacancy page (HvA)",         "302 302 200 302 302 302 302 200", c => c.GetAsync($"/organisaties/{hva}/vacatures/nieuw")),
            ("GET edit vacancy page (HvA)",        "302 302 200 302 302 302 302 200", c => c.GetAsync($"/vacatures/{hvaVacancy}/bewerken")),
            ("GET vacancy candidates page (HvA)",  "302 302 200 302 302 200 200 200", c => c.GetAsync($"/vacatures/{hvaVacancy}/kandidaten")),
            // Which competences a voucher course teaches: public to read, kept by the officers of its scheme (the Techniekpact's
            // coordinators and the HvA's editors for the demo scheme) and administrators.
            ("GET course competences",             "200 200 200 200 200 200 200 200", c => c.GetAsync($"/api/v1/voucher-courses/{course}/competences")),
            ("PUT course competences",             "401 403 200 403 403 403 200 200", c => c.PutAsJsonAsync($"/api/v1/voucher-courses/{course}/competences", Array.Empty<object>())),
            // The officers' page follows the same rule (MatchingAccess.KeepsCourseCompetences): only who may keep some scheme's links gets in.
            ("GET course competences page",        "302 302 200 302 302 302 200 200", c => c.GetAsync("/vouchercursussen/competenties")),
            ("GET learning booking preview",        "401 404 404 200 404 404 404 404", c => c.GetAsync($"/api/v1/learning-accounts/me/bookings/preview?course={course}")),
            ("POST learning booking",               "401 404 404 201 404 404 404 404", c => c.PostAsJsonAsync("/api/v1/learning-accounts/me/bookings", new { course })),
            ("GET my learning bookings",            "401 404 404 200 404 404 404 404", c => c.GetAsync("/api/v1/learning-accounts/me/bookings")),
            ("GET provider's learning bookings",    "401 200 200 200 200 200 200 200", c => c.GetAsync("/api/v1/learning-bookings")),
            ("POST provider confirms delivery",     "401 200 404 404 404 404 404 404", c => c.PostAsync($"/api/v1/learning-bookings/{toDeliver}/delivery", null)),
            ("POST holder confirms delivery",       "401 404 404 200 404 404 404 404", c => c.PostAsync($"/api/v1/learning-accounts/me/bookings/{toDeliver}/delivery", null)),
            // Delivered now: the holder can no longer report it as not delivered, and there is no dispute for an officer to decide.
            ("POST holder disputes a booking",      "401 404 404 409 404 404 404 404", c => c.PostAsJsonAsync($"/api/v1/learning-accounts/me/bookings/{toDeliver}/dispute", new { reason = "Niet gekregen." })),
            ("GET disputed learning bookings",      "401 200 200 200 200 200 200 200", c => c.GetAsync("/api/v1/learning-bookings/disputes")),
            ("GET disputes page",                   "302 200 200 200 200 200 200 200", c => c.GetAsync("/regeling/leerrekening-meldingen")),
            // The scheme's officers (its pact's coordinator, the editor of the organisation that runs it, the administrator) decide.
            ("POST officer decides a dispute",      "401 404 409 404 404 404 409 409", c => c.PostAsJsonAsync($"/api/v1/learning-bookings/{toDeliver}/resolution", new { delivered = false, reason = "Matrix." })),
            ("POST holder cancels a booking",       "401 404 404 200 404 404 404 404", c => c.PostAsync($"/api/v1/learning-accounts/me/bookings/{toCancel}/cancel", null)),
            // The demo sector fund's upload page: its officer is none of these roles, so only the administrator gets in.
            ("GET deposit upload page (TechniekTalent)", "302 302 302 302 302 302 302 200", c => c.GetAsync("/leerrekening/fondsen/techniektalent/stortingen")),
            // The HvA editor is the officer of the matrix funder: they and the administrator deposit, record departures,
            // see its upload page, and read the statement of an account it paid into; its holder reads their own.
            ("GET my learning account",             "401 404 404 200 404 404 404 404", c => c.GetAsync("/api/v1/learning-accounts/me")),
            ("GET learning account statement",      "401 403 200 200 403 403 403 200", c => c.GetAsync($"/api/v1/learning-accounts/{account}/statement")),
            ("POST deposit (JSON)",                 "401 403 201 403 403 403 403 201", c => c.PostAsJsonAsync("/api/v1/funders/matrix-hva/deposits", MatrixDeposit())),
            ("POST deposit file (CSV)",             "401 403 201 403 403 403 403 201", c => c.PostAsync("/api/v1/funders/matrix-hva/deposits", MatrixFile())),
            ("POST departure",                      "401 403 200 403 403 403 403 200", c => c.PostAsJsonAsync("/api/v1/funders/matrix-hva/departures", new { email = "matrix-storting@example.org", leftOn = "2026-01-01" })),
            ("GET deposit upload page (matrix)",    "302 302 200 302 302 302 302 200", c => c.GetAsync("/leerrekening/fondsen/matrix-hva/stortingen")),
            // The funder's report: exactly who may deposit for it.
            ("GET funder report (matrix)",          "401 403 200 403 403 403 403 200", c => c.GetAsync("/api/v1/funders/matrix-hva/report")),
            ("GET funder report page (matrix)",     "302 302 200 302 302 302 302 200", c => c.GetAsync("/leerrekening/fondsen/matrix-hva/rapport")),
            ("PUT draft of the Oost plan",          "401 403 403 403 200 403 200 200", c => EditDraftAsync(c, oostPlan, oostRevision)),
            ("PUT draft of the Noord plan",         "401 403 403 200 403 403 200 200", c => EditDraftAsync(c, noordPlan, noordRevision)),
            ("POST propose the Oost draft",         "401 403 403 403 200 403 200 200", c => MoveAsync(c, oostPlan, oostRevision, RevisionStatus.Draft, "propose")),
            ("POST send back the Oost proposal",    "401 403 403 403 200 403 200 200", c => MoveAsync(c, oostPlan, oostRevision, RevisionStatus.Proposed, "send-back")),
            ("POST adopt the Oost plan",            "401 403 403 403 200 403 403 403", c => MoveAsync(c, oostPlan, oostRevision, RevisionStatus.Proposed, "adopt")),
            ("POST adopt the national plan",        "401 403 403 403 403 403 200 200", c => MoveAsync(c, nationalPlan, nationalRevision, RevisionStatus.Proposed, "adopt")),
            ("POST next revision of the Oost plan", "401 403 403 403 201 403 201 201", async c =>
            {
                await PlanData.OnlyFirstAsync(factory, oostPlan, RevisionStatus.Adopted);
                return await c.PostAsJsonAsync($"/api/v1/plans/{oostPlan}/revisions", new { revisedIn = 2020 });
            }),
            ("POST national plan (Techniekpact)",   "401 403 403 403 403 403 201 201", async c =>
            {
                await PlanData.ClearAsync(factory);
                return await c.PostAsJsonAsync("/api/v1/pacts/techniekpact/plans", new { title = "Matrixplan", firstYear = 2019, lastYear = 2022 });
            }),
            ("PUT action in Oost (Overijssel)",      "401 403 403 403 200 403 200 200", c => EditAsync(c, "overijsselse-techniekuitdaging")),
            ("PUT action in Zuidwest",              "401 403 403 403 403 403 200 200", c => EditAsync(c, "pps-zuidwest")),
            ("PUT action led by HvA (Amsterdam)",   "401 403 200 403 403 403 200 200", c => EditAsync(c, "make-it-work")),
            ("PUT Zorgpact action",                 "401 403 403 403 403 200 403 200", c => EditAsync(c, "smart-health")),
            ("POST action in Oost",                 "401 403 403 403 201 403 201 201", c => c.PostAsJsonAsync("/api/v1/actions", new
                { pact = "techniekpact", title = $"Matrix {Guid.NewGuid():N}", summary = "Matrix.", kind = "Event", regions = new[] { "TP-OOST" } })),
            ("POST funding, action in Oost",        "401 403 403 403 201 403 201 201", async c => await c.PostAsJsonAsync($"/api/v1/actions/{await ActionIdAsync("overijsselse-techniekuitdaging")}/funding", Funding)),
            ("PUT funding, action in Oost",         "401 403 403 403 200 403 200 200", async c => await c.PutAsJsonAsync(await FundingUrlAsync("overijsselse-techniekuitdaging"), Funding)),
            ("DELETE funding, action in Oost",      "401 403 403 403 204 403 204 204", async c => await c.DeleteAsync(await FundingUrlAsync("overijsselse-techniekuitdaging") + "?version=0")),
            ("PUT funding, action in Zuidwest",     "401 403 403 403 403 403 200 200", async c => await c.PutAsJsonAsync(await FundingUrlAsync("pps-zuidwest"), Funding)),
            ("POST output, action led by HvA",      "401 403 201 403 403 403 201 201", async c =>
            {
                // Each role reports afresh: a second report for the year and unit would be a correction (200).
                var actionId = await ActionIdAsync("make-it-work");
                await factory.InDbAsync(db => db.ActionOutputs.Where(o => o.ActionId == actionId && o.Year == 2019 && o.Unit == OutputUnit.Participants).ExecuteDeleteAsync());
                return await c.PostAsJsonAsync($"/api/v1/actions/{actionId}/outputs", new { year = 2019, unit = "Participants", quantity = 20 });
            }),
            ("DELETE output, action led by HvA",    "401 403 204 403 403 403 204 204", async c => await c.DeleteAsync(await OutputUrlAsync("make-it-work"))),
            ("DELETE output, action in Zuidwest",   "401 403 403 403 403 403 204 204", async c => await c.DeleteAsync(await OutputUrlAsync("pps-zuidwest"))),
            ("POST Techniekpact objective",          "401 403 403 403 403 403 201 201", c => c.PostAsJsonAsync("/api/v1/pacts/techniekpact/objectives",
                new { number = 500 + Interlocked.Increment(ref _objectiveNumber), title = "Matrixdoel", description = "Voor de matrix." })),
            ("PUT Zorgpact objective",               "401 403 403 403 403 200 403 200", c => EditObjectiveAsync(c, "zorgpact", 1)),
            ("PUT practice in Noord (GAS 2.0)",      "401 403 403 200 403 403 200 200", c => EditPracticeAsync(c, "gas-2-0")),
            ("PUT practice led by HvA (Make IT Work)", "401 403 200 403 403 403 200 200", c => EditPracticeAsync(c, "make-it-work")),
            ("PUT Zorgpact practice (Smart Health)", "401 403 403 403 403 200 403 200", c => EditPracticeAsync(c, "smart-health")),
            ("POST practice in Oost",               "401 403 403 403 201 403 201 201", c => c.PostAsJsonAsync("/api/v1/practices", new
                { pact = "techniekpact", title = $"Matrix {Guid.NewGuid():N}", summary = "Matrix.", regions = new[] { "TP-OOST" } })),
            ("POST submit practice in Noord",       "401 403 403 200 403 403 200 200", c => MovePracticeAsync(c, "gas-2-0", PracticeStatus.Draft, "submit")),
            ("POST publish practice in Noord",      "401 403 403 403 403 403 200 200", c => MovePracticeAsync(c, "gas-2-0", PracticeStatus.InReview, "publish")),
            ("POST send back practice in Noord",    "401 403 403 403 403 403 200 200", c => MovePracticeAsync(c, "gas-2-0", PracticeStatus.InReview, "send-back")),
            ("GET audit trail",                     "401 403 403 403 403 200 200 200", c => c.GetAsync("/api/v1/audit")),
            ("POST invitation as member",           "401 403 403 403 403 201 201 201", c => InviteAsync(c, "Member", null, null)),
            ("POST invitation as lead of Noord",    "401 403 403 403 403 403 201 201", c => InviteAsync(c, "RegionalLead", "techniekpact", "TP-NOORD")),
            ("POST invitation as administrator",    "401 403 403 403 403 403 403 201", c => InviteAsync(c, "Administrator", null, null)),
            ("GET person export",                   "401 403 403 403 403 403 403 200", c => c.GetAsync($"/api/v1/people/{person.Id}/export")),
            ("POST person erasure",                 "401 403 403 403 403 403 403 200", c => c.PostAsync($"/api/v1/people/{person.Id}/erase", null)),
            ("POST organisation",                   "401 403 403 403 403 201 201 201", c => c.PostAsJsonAsync("/api/v1/organisations", new { name = $"Matrix {Guid.NewGuid():N}", helix = "Business", kind = "Company" })),
            ("PUT organisation in Oost (Techniekpact)", "401 403 403 403 200 403 200 200", c => EditOrganisationAsync(c, "Provincie Overijssel")),
            ("PUT organisation HvA (Techniekpact)",  "401 403 200 403 403 403 200 200", c => EditOrganisationAsync(c, "Hogeschool van Amsterdam")),
            ("PUT organisation Siza (Zorgpact)",    "401 403 403 403 403 200 403 200", c => EditOrganisationAsync(c, "Siza")),
            ("POST person without organisation",    "401 403 403 403 403 201 201 201", c => c.PostAsJsonAsync("/api/v1/people", new { name = "Matrix Nieuw" })),
            ("PUT person with a Techniekpact role", "401 403 403 403 403 403 200 200", c => EditPersonAsync(c, "Cees Bijl")),
            ("POST role in the Techniekpact",       "401 403 403 403 403 403 201 201", async c => await c.PostAsJsonAsync("/api/v1/pacts/techniekpact/roles", new
                { personId = await factory.InDbAsync(db => db.People.Where(p => p.Name == "André Kuipers").Select(p => p.Id).SingleAsync()), kind = "Ambassador" })),
            ("POST organisation import (preview)",  "401 403 403 403 403 200 200 200", c => c.PostAsync("/api/v1/organisations/import", new MultipartFormDataContent
                { { new ByteArrayContent(Encoding.UTF8.GetBytes("naam;helix;soort\nMatrix BV;Business;Company\n")), "file", "matrix.csv" } })),
            ("GET own account (API)",               "401 200 200 200 200 200 200 200", c => c.GetAsync("/api/v1/me")),
            ("POST own API token",                  "401 201 201 201 201 201 201 201", c => c.PostAsJsonAsync("/api/v1/me/tokens", new { name = "matrix", expiresOn = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(3)) })),
            ("POST public event (Techniekpact)",    "401 403 403 403 403 403 201 201", c => c.PostAsJsonAsync("/api/v1/events", new
                { pact = "techniekpact", title = $"Matrix {Guid.NewGuid():N}", startsAt = "2030-01-01T10:00", endsAt = "2030-01-01T11:00" })),
            ("PUT landsdeel leads meeting",         "401 404 404 403 403 404 200 200", c => EditLeadsMeetingAsync(c)),
            ("GET landsdeel leads meeting",         "404 404 404 200 200 404 200 200", async c => await c.GetAsync($"/api/v1/events/{await LeadsMeetingAsync()}")),
            ("GET learning network (Zorgpact)",     "401 404 404 404 404 200 404 200", async c => await c.GetAsync($"/api/v1/learning-networks/{await NetworkAsync()}")),
            ("GET learning network case",           "404 404 404 404 404 404 404 404", async c => await c.GetAsync($"/api/v1/learning-networks/{await NetworkAsync()}/cases/{await DemoCaseAsync()}")),
            ("GET learning network cases",          "404 404 404 404 404 404 404 404", async c => await c.GetAsync($"/api/v1/learning-networks/{await NetworkAsync()}/cases")),
            ("POST learning network case",          "401 404 404 404 404 404 404 404", async c => await c.PostAsJsonAsync($"/api/v1/learning-networks/{await NetworkAsync()}/cases", new { title = "Matrix", question = "Matrix?" })),
            ("POST learning network session",       "401 404 404 404 404 201 404 201", async c => await c.PostAsJsonAsync($"/api/v1/learning-networks/{await NetworkAsync()}/sessions", new { date = "2030-01-01", theme = "Matrix" })),
            ("POST newsletter edition (Techniekpact)", "401 403 403 403 403 403 201 201", c => c.PostAsJsonAsync("/api/v1/pacts/techniekpact/newsletter/editions",
                new { title = "Matrixeditie", introduction = "Voor de matrix." })),
            ("PUT newsletter draft (Techniekpact)",  "401 403 403 403 403 403 200 200", async c => await c.PutAsJsonAsync(
                $"/api/v1/pacts/techniekpact/newsletter/editions/{await NewsletterDraftAsync()}", new { title = "Matrix gewijzigd", introduction = "Anders.", version = 0 })),
            ("POST send newsletter draft",          "401 403 403 403 403 403 202 202", async c => await c.PostAsJsonAsync(
                $"/api/v1/pacts/techniekpact/newsletter/editions/{await NewsletterDraftAsync()}/send", new { version = 0 })),
            ("GET newsletter candidates",           "401 403 403 403 403 403 200 200", c => c.GetAsync("/api/v1/pacts/techniekpact/newsletter/candidates")),
            ("GET newsletter compose page",         "302 302 302 302 302 302 200 200", c => c.GetAsync("/pact/techniekpact/nieuwsbrief/nieuw")),
            ("POST monitor edition (Techniekpact)", "401 403 403 403 403 403 201 201", c => c.PostAsJsonAsync("/api/v1/pacts/techniekpact/editions",
                new { year = 2040 + Interlocked.Increment(ref _editionYear), title = "Matrixeditie", indicators = new[] { "hbo-ingeschrevenen" } })),
            ("POST release withdrawal",             "401 403 403 403 403 200 200 200", async c => await c.PostAsJsonAsync($"/api/v1/releases/{await FreshReleaseAsync()}/withdrawal", new { reason = "Matrix." })),
            ("GET import history (API)",            "401 403 403 403 403 200 200 200", c => c.GetAsync("/api/v1/releases")),
            ("GET import wizard page",              "302 302 302 302 302 200 200 200", c => c.GetAsync("/monitor/import")),
            ("PUT learning network session",        "401 404 404 404 404 200 404 200", c => EditSessionAsync(c)),
            ("GET learning network session",        "401 404 404 404 404 200 404 200", async c => await c.GetAsync($"/api/v1/learning-networks/{await NetworkAsync()}/sessions/{await SessionAsync()}")),
            ("GET learning network session page",   "302 404 404 404 404 200 404 200", async c => await c.GetAsync($"/lerende-netwerken/{await NetworkAsync()}/bijeenkomsten/{await SessionAsync()}")),
            // Adding someone who is already a member changes nothing, so the row can run for every role.
            ("POST learning network member",        "401 404 404 404 404 200 404 200", async c => await c.PostAsJsonAsync($"/api/v1/learning-networks/{await NetworkAsync()}/members", new { email = "lerendnetwerk@zorgpact.demo" })),
            ("GET account page",                    "302 200 200 200 200 200 200 200", c => c.GetAsync("/account")),
            ("GET audit page",                      "302 302 302 302 302 200 200 200", c => c.GetAsync("/beheer/audit")),
            ("GET invitation page",                 "302 302 302 302 302 200 200 200", c => c.GetAsync("/beheer/uitnodigen")),
            ("GET indicator list page",             "302 302 302 302 302 200 200 200", c => c.GetAsync("/beheer/indicatoren")),
            ("GET new indicator page",              "302 302 302 302 302 200 200 200", c => c.GetAsync("/beheer/indicatoren/nieuw")),
            ("GET indicator history page",          "302 302 302 302 302 200 200 200", c => c.GetAsync("/beheer/indicatoren/hbo-ingeschrevenen")),
            // Two-step escalation (issue 16 item 2): linking a shared record to your pact, then editing it. Each
            // role first makes the link in the Zorgpact (only its coordinator and the administrator may), then
            // tries the edit; the link never grants it, so only the owner's editors get through.
            ("POST Zorgpact role, PUT TP person",   "401 403 403 403 403 403 200 200", async c =>
            {
                var id = await factory.InDbAsync(db => db.People.Where(p => p.Name == "Cees Bijl").Select(p => p.Id).SingleAsync());
                await c.PostAsJsonAsync("/api/v1/pacts/zorgpact/roles", new { personId = id, kind = "Ambassador" });
                var p = await factory.InDbAsync(db => db.People.AsNoTracking().SingleAsync(x => x.Id == id));
                return await c.PutAsJsonAsync($"/api/v1/people/{id}", new { name = p.Name, jobTitle = p.JobTitle, organisationId = p.OrganisationId, email = $"matrix-{Guid.NewGuid():N}@example.org", version = p.Version });
            }),
            ("POST Zorgpact signatory, PUT HvA",    "401 403 200 403 403 403 200 200", async c =>
            {
                var id = await factory.InDbAsync(db => db.Organisations.Where(o => o.Name == "Hogeschool van Amsterdam").Select(o => o.Id).SingleAsync());
                await c.PostAsJsonAsync("/api/v1/pacts/zorgpact/signatories", new { organisationId = id, signedOn = "2024-01-01", commitment = "Matrix." });
                return await EditOrganisationAsync(c, "Hogeschool van Amsterdam");
            }),
            ("POST proposal for HvA (linked pacts)", "401 403 201 201 201 201 201 201", async c =>
                await c.PostAsJsonAsync($"/api/v1/organisations/{await factory.InDbAsync(db => db.Organisations.Where(o => o.Name == "Hogeschool van Amsterdam").Select(o => o.Id).SingleAsync())}/proposals",
                    new { changes = new { name = "Hogeschool van Amsterdam", helix = "Education", kind = "HboInstitution", website = "https://www.hva.nl" }, reason = "Matrix." })),
            ("GET proposals page",                  "302 200 200 200 200 200 200 200", c => c.GetAsync("/voorstellen")),
        };

        var expected = new StringBuilder();
        var actual = new StringBuilder();
        foreach (var (name, outcome, call) in operations)
        {
            var codes = new List<string>();
            foreach (var role in Roles)
            {
                var response = await call(clients[role]);
                codes.Add(((int)response.StatusCode).ToString());
                if (response.StatusCode == HttpStatusCode.Redirect)
                    Assert.Contains(role == "anonymous" ? "/inloggen" : "/geen-toegang", response.Headers.Location!.OriginalString);
            }
            expected.AppendLine($"{name,-40} {outcome}");
            actual.AppendLine($"{name,-40} {string.Join(' ', codes)}");
        }

        Assert.Equal(expected.ToString(), actual.ToString());
    }

    private static int _editionYear;
    // Each POST its own number: two random ones clashed now and then, and the second was refused as a duplicate.
    private static int _objectiveNumber;

    /// <summary>
    /// A vetted provider's course starting today in a scheme of its own, with the demo member as the provider's user; a learning
    /// account for noord@techniekpact.demo (money for five bookings) and two bookings of that course made by its holder.
    /// </summary>
    private async Task<(int Course, long ToDeliver, long ToCancel)> LearningBookingsAsync(Dictionary<string, HttpClient> clients)
    {
        var scheme = await Vouchers.VoucherSchemeBuilder.SchemeAsync(factory, "matrix-leer", 50_000m, 100m);
        await factory.InDbAsync(async db =>
        {
            var course = await db.VoucherCourses.SingleAsync(c => c.Id == scheme.CourseId);
            course.StartDates = [Web.Features.LearningAccounts.LearningDay.Today(TimeProvider.System)];
            return await db.SaveChangesAsync();
        });
        Assert.Equal(HttpStatusCode.OK, (await clients["coordinator@techniekpact.demo"].PostAsJsonAsync(
            $"/api/v1/voucher-schemes/{scheme.Code}/providers/{scheme.ProviderId}/users", new { email = "lid@pactwerk.demo" })).StatusCode);
        var funder = await LearningAccounts.LearningAccountBuilder.FunderAsync(factory, "matrix-fonds");
        var account = await LearningAccounts.LearningAccountBuilder.AccountAsync(factory, "noord@techniekpact.demo");
        await LearningAccounts.LearningAccountBuilder.DepositAsync(factory, account, funder, 500_00);
        async Task<long> BookAsync() => (await (await clients["noord@techniekpact.demo"].PostAsJsonAsync("/api/v1/learning-accounts/me/bookings", new { course = scheme.CourseId }))
            .ReadAsync<JsonElement>()).GetProperty("id").GetInt64();
        return (scheme.CourseId, await BookAsync(), await BookAsync());
    }

    /// <summary>A funder whose officers are the HvA's editors, with a deposit in Noord's learning account; the account's id.</summary>
    private async Task<long> LearningFunderAsync()
    {
        var funder = await factory.InDbAsync(async db =>
        {
            var hva = await db.Organisations.Where(o => o.Name == "Hogeschool van Amsterdam").Select(o => o.Id).SingleAsync();
            var added = new Web.Features.LearningAccounts.Funder { Code = "matrix-hva", Name = "Matrix HvA", Kind = Web.Features.LearningAccounts.FunderKind.Employer, Priority = 9, OrganisationId = hva };
            db.LearningFunders.Add(added);
            await db.SaveChangesAsync();
            return added.Id;
        });
        var account = await factory.InDbAsync(db => db.LearningAccounts.Where(a => a.HolderEmail == "noord@techniekpact.demo").Select(a => a.Id).SingleAsync());
        await LearningAccounts.LearningAccountBuilder.DepositAsync(factory, account, funder, 50_00);
        return account;
    }

    /// <summary>A release of its own for each call (without observations), so a withdrawal by one role leaves the next its own to withdraw.</summary>
    private Task<int> FreshReleaseAsync() => factory.InDbAsync(async db =>
    {
        var release = new Web.Features.Monitor.DataRelease
        {
            DataSourceId = await db.DataSources.Select(s => s.Id).FirstAsync(), Dataset = "matrix", FileName = "matrix.csv", Checksum = Guid.NewGuid().ToString("N"),
            ImportedAt = DateTime.UtcNow, ImportedBy = "Matrix", Periods = "2020",
        };
        db.DataReleases.Add(release);
        await db.SaveChangesAsync();
        return release.Id;
    });

    private static readonly object Funding = new { funder = "Matrixfonds", amount = 1000, startsOn = "2024-01-01", endsOn = "2026-12-31", version = 0 };

    /// <summary>A fresh output of the action for each call (the one of 2020 in unit Other), so a removal by one role leaves the next its own to remove.</summary>
    private async Task<string> OutputUrlAsync(string slug)
    {
        var actionId = await ActionIdAsync(slug);
        await factory.InDbAsync(db => db.ActionOutputs.Where(o => o.ActionId == actionId && o.Year == 2020 && o.Unit == OutputUnit.Other).ExecuteDeleteAsync());
        var output = new ActionOutput { ActionId = actionId, Year = 2020, Unit = OutputUnit.Other, Quantity = 1, ReportedBy = "Matrix" };
        await factory.InDbAsync(db => { db.ActionOutputs.Add(output); return db.SaveChangesAsync(); });
        return $"/api/v1/actions/{actionId}/outputs/{output.Id}";
    }

    private async Task<HttpResponseMessage> EditObjectiveAsync(HttpClient client, string pact, int number)
    {
        var o = await factory.InDbAsync(db => db.Objectives.Where(x => x.Number == number && db.Pacts.Any(p => p.Id == x.PactId && p.Code == pact))
            .Select(x => new { x.Id, x.Title, x.Description, x.Version }).SingleAsync());
        return await client.PutAsJsonAsync($"/api/v1/objectives/{o.Id}", new { number, title = o.Title, description = o.Description + ".", version = o.Version });
    }
    /// <summary>A fresh draft of the Techniekpact's newsletter for each call, so a send by one role leaves the next its own.</summary>
    private async Task<int> NewsletterDraftAsync()
    {
        var pactId = await factory.InDbAsync(db => db.Pacts.Where(p => p.Code == "techniekpact").Select(p => p.Id).SingleAsync());
        var draft = new Web.Features.Newsletter.NewsletterEdition { PactId = pactId, Title = "Matrixconcept", Introduction = "Matrix.", CreatedAt = DateTime.UtcNow };
        await factory.InDbAsync(db => { db.Add(draft); return db.SaveChangesAsync(); });
        return draft.Id;
    }

    private Task<int> LeadsMeetingAsync() => factory.InDbAsync(db => db.Events.Where(e => e.Kind == Web.Features.Knowledge.EventKind.LandsdeelLeadsMeeting).Select(e => e.Id).FirstAsync());
    private Task<int> NetworkAsync() => factory.InDbAsync(db => db.LearningNetworks.Select(n => n.Id).FirstAsync());
    private Task<int> SessionAsync() => factory.InDbAsync(db => db.LearningNetworkSessions.OrderBy(x => x.Id).Select(x => x.Id).FirstAsync());

    private async Task<HttpResponseMessage> EditSessionAsync(HttpClient c)
    {
        var session = await factory.InDbAsync(db => db.LearningNetworkSessions.AsNoTracking().OrderBy(x => x.Id).FirstAsync());
        return await c.PutAsJsonAsync($"/api/v1/learning-networks/{session.NetworkId}/sessions/{session.Id}",
            new { date = session.Date, place = session.Place, theme = session.Theme, agenda = session.Agenda, notes = session.Notes, version = session.Version });
    }

    private Task<int> DemoCaseAsync() => factory.InDbAsync(db => db.LearningNetworkCases.Where(c => c.IsDemoContent).Select(c => c.Id).FirstAsync());

    private async Task<HttpResponseMessage> EditLeadsMeetingAsync(HttpClient client)
    {
        var id = await LeadsMeetingAsync();
        var version = await factory.InDbAsync(db => db.Events.Where(e => e.Id == id).Select(e => e.Version).SingleAsync());
        return await client.PutAsJsonAsync($"/api/v1/events/{id}", new
        {
            pact = "techniekpact", kind = "LandsdeelLeadsMeeting", isPublic = false, title = "Overleg landsdeeltrekkers",
            startsAt = "2027-01-20T14:00", endsAt = "2027-01-20T16:00", members = new[] { "oost@techniekpact.demo", "noord@techniekpact.demo" }, version,
        });
    }

    private Task<int> ActionIdAsync(string slug) => factory.InDbAsync(db => db.PactActions.Where(a => a.Slug == slug).Select(a => a.Id).SingleAsync());

    /// <summary>A fresh funding source of the action for each call, so a removal by one role leaves the next its own to remove.</summary>
    private async Task<string> FundingUrlAsync(string slug)
    {
        var actionId = await ActionIdAsync(slug);
        var source = new Web.Features.Agenda.FundingSource { ActionId = actionId, Funder = "Matrix", Amount = 1, StartsOn = new DateOnly(2024, 1, 1), EndsOn = new DateOnly(2025, 1, 1) };
        await factory.InDbAsync(db => { db.FundingSources.Add(source); return db.SaveChangesAsync(); });
        return $"/api/v1/actions/{actionId}/funding/{source.Id}";
    }

    private Task<int> PracticeIdAsync(string actionSlug) =>
        factory.InDbAsync(db => db.Set<Practice>().Where(p => p.Actions.Any(a => a.Action.Slug == actionSlug)).Select(p => p.Id).SingleAsync());

    /// <summary>A change to a demo practice, its body read from the database (a draft is not public, so the caller may not be able to read it).</summary>
    private async Task<HttpResponseMessage> EditPracticeAsync(HttpClient client, string actionSlug)
    {
        var id = await PracticeIdAsync(actionSlug);
        var p = await factory.InDbAsync(db => db.Set<Practice>().Include(x => x.Regions).ThenInclude(r => r.Region).SingleAsync(x => x.Id == id));
        return await client.PutAsJsonAsync($"/api/v1/practices/{id}", new
        {
            title = p.Title, summary = p.Summary + ".", sector = p.Sector, targetGroup = p.TargetGroup, organisationId = p.OrganisationId,
            regions = p.Regions.Select(r => r.Region.Code), version = p.Version,
        });
    }

    private async Task<HttpResponseMessage> MovePracticeAsync(HttpClient client, string actionSlug, PracticeStatus from, string move)
    {
        var id = await PracticeIdAsync(actionSlug);
        await factory.InDbAsync(db => db.Set<Practice>().Where(p => p.Id == id).ExecuteUpdateAsync(s => s.SetProperty(p => p.Status, from)));
        var version = await factory.InDbAsync(db => db.Set<Practice>().Where(p => p.Id == id).Select(p => p.Version).SingleAsync());
        return await client.PostAsJsonAsync($"/api/v1/practices/{id}/{move}", new { version, note = "Matrix: graag aanvullen." });
    }

    private async Task<HttpResponseMessage> EditAsync(HttpClient client, string slug)
    {
        var id = await factory.InDbAsync(db => db.PactActions.Where(a => a.Slug == slug).Select(a => a.Id).SingleAsync());
        var a = (await client.GetFromJsonAsync<ActionJson>($"/api/v1/actions/{id}"))!;
        return await client.PutAsJsonAsync($"/api/v1/actions/{id}", a.Edit(summary: a.Summary + "."));
    }

    private async Task<HttpResponseMessage> EditDraftAsync(HttpClient client, int planId, int revisionId)
    {
        await PlanData.SetStatusAsync(factory, revisionId, RevisionStatus.Draft);
        var version = await factory.InDbAsync(db => db.PlanRevisions.Where(r => r.Id == revisionId).Select(r => r.Version).SingleAsync());
        return await client.PutAsJsonAsync($"/api/v1/plans/{planId}/revisions/{revisionId}",
            new { firstYear = 2019, lastYear = 2022, priorities = new[] { $"Matrix {Guid.NewGuid():N}" }, version });
    }

    private async Task<HttpResponseMessage> MoveAsync(HttpClient client, int planId, int revisionId, RevisionStatus from, string move)
    {
        await PlanData.SetStatusAsync(factory, revisionId, from);
        var version = await factory.InDbAsync(db => db.PlanRevisions.Where(r => r.Id == revisionId).Select(r => r.Version).SingleAsync());
        return await client.PostAsJsonAsync($"/api/v1/plans/{planId}/revisions/{revisionId}/{move}", new { version });
    }

    private async Task<HttpResponseMessage> EditOrganisationAsync(HttpClient client, string name)
    {
        var id = await factory.InDbAsync(db => db.Organisations.Where(o => o.Name == name).Select(o => o.Id).SingleAsync());
        var o = await client.GetFromJsonAsync<JsonElement>($"/api/v1/organisations/{id}");
        return await client.PutAsJsonAsync($"/api/v1/organisations/{id}", new
        {
            name, helix = o.GetProperty("helix").GetString(), kind = o.GetProperty("kind").GetString(),
            sectors = o.GetProperty("sectors").EnumerateArray().Select(e => e.GetString()).ToArray(),
            municipalityCode = o.GetProperty("municipality").GetProperty("code").GetString(),
            duoCode = o.GetProperty("duoCode").GetString(), description = "Gewijzigd in de matrix.", version = o.GetProperty("version").GetInt32(),
        });
    }

    private async Task<HttpResponseMessage> EditPersonAsync(HttpClient client, string name)
    {
        var id = await factory.InDbAsync(db => db.People.Where(p => p.Name == name).Select(p => p.Id).SingleAsync());
        var p = await client.GetFromJsonAsync<JsonElement>($"/api/v1/people/{id}");
        return await client.PutAsJsonAsync($"/api/v1/people/{id}", new
        {
            name, jobTitle = "gedeputeerde (matrix)", organisationId = p.GetProperty("organisationId").GetInt32(), version = p.GetProperty("version").GetInt32(),
        });
    }

    private static Task<HttpResponseMessage> InviteAsync(HttpClient client, string kind, string? pact, string? region) =>
        client.PostAsJsonAsync("/api/v1/invitations", new
        {
            email = $"matrix-{Guid.NewGuid():N}@example.org", displayName = "Matrix", role = new { kind, pactCode = pact, regionCode = region },
        });
}

public sealed class AuthorisationMatrixTestsSqlite(SqliteFactory factory) : AuthorisationMatrixTests<SqliteFactory>(factory);
public sealed class AuthorisationMatrixTestsPostgres(PostgresFactory factory) : AuthorisationMatrixTests<PostgresFactory>(factory);
