using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Pactwerk.Tests.Infrastructure;
using Pactwerk.Web.Features.Vouchers;
using static Pactwerk.Tests.Infrastructure.Session;

namespace Pactwerk.Tests.Vouchers;

/// <summary>
/// The pages of the voucher's life after the grant, filled in as people fill them, in Dutch and English: the provider
/// confirms an enrolment with the code and a Dutch start date and uploads the evidence (<c>/aanbieder</c>), the participant
/// confirms behind the status link, the officer links provider accounts (vetting) and approves, sends back or refuses
/// (<c>…/beheer/bewijs</c>). Wrong codes, another provider's voucher, oversized and wrong files get a message and change nothing.
/// </summary>
public abstract class VoucherLifePagesTests<TFactory>(TFactory factory) : IClassFixture<TFactory> where TFactory : PactwerkFactory
{
    private const string Officer = "redacteur@hva.demo";
    private const string ProviderUser = "lid@pactwerk.demo";
    private const string OtherProviderUser = "lerendnetwerk@zorgpact.demo";
    private static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n");

    private sealed record Voucher(string Code, string Key, string Number, decimal Amount);

    private async Task<Voucher> ApplyAsync(VoucherSchemeBuilder.Built scheme, string email)
    {
        var response = await Anonymous(factory).PostAsJsonAsync($"/api/v1/voucher-schemes/{scheme.Code}/applications", VoucherSchemeBuilder.Application(scheme, email));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var answer = await response.ReadAsync<JsonElement>();
        var code = await factory.InDbAsync(db => db.VoucherApplications.Where(a => a.Email == email && db.VoucherSchemes.Any(s => s.Id == a.SchemeId && s.Code == scheme.Code))
            .Select(a => a.VoucherCode).SingleAsync());
        // The participant's address confirmed through the mailed link: a voucher's enrolment needs it.
        await VoucherSchemeBuilder.ConfirmEmailAsync(factory, email, scheme.Code);
        return new Voucher(code, VoucherSchemeBuilder.KeyOf(answer), answer.GetProperty("number").GetString()!, answer.GetProperty("amount").GetDecimal());
    }

    /// <summary>The officer links the account on the vetting page, as people do; then the account signs in.</summary>
    private async Task<HttpClient> ProviderAsync(VoucherSchemeBuilder.Built scheme, string email)
    {
        var officer = await SignInAsync(factory, Officer);
        var linked = await PostFormAsync(officer, $"/regelingen/{scheme.Code}/beheer/aanbieders?handler=Link",
            new() { ["Provider"] = scheme.ProviderId.ToString(System.Globalization.CultureInfo.InvariantCulture), ["AccountEmail"] = email },
            $"/regelingen/{scheme.Code}/beheer/aanbieders");
        Assert.Equal(HttpStatusCode.OK, linked.StatusCode);
        return await SignInAsync(factory, email);
    }

    private static Task<HttpResponseMessage> ConfirmAsync(HttpClient provider, string code, string start, string query = "") =>
        PostFormAsync(provider, "/aanbieder?handler=Confirm" + query.Replace('?', '&'), new() { ["Confirm.Code"] = code, ["Confirm.Start"] = start }, "/aanbieder" + query);

    private static async Task<HttpResponseMessage> EvidenceAsync(HttpClient provider, string code, string attendance, string completedOn, byte[] file,
        string name = "certificaat.pdf", string query = "")
    {
        var token = AntiforgeryToken(await provider.GetStringAsync("/aanbieder" + query));
        var content = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent(code), "Evidence.Code" },
            { new StringContent(attendance), "Evidence.Attendance" },
            { new StringContent(completedOn), "Evidence.CompletedOn" },
        };
        var bytes = new ByteArrayContent(file);
        bytes.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        content.Add(bytes, "Evidence.Certificate", name);
        return await provider.PostAsync("/aanbieder?handler=Evidence" + query.Replace('?', '&'), content);
    }

    private async Task<(VoucherStatus Status, DateTime? Provider, DateTime? Participant)> StateAsync(string code)
    {
        var a = await factory.InDbAsync(db => db.VoucherApplications.AsNoTracking().SingleAsync(a => a.VoucherCode == code));
        return (a.Status, a.ProviderConfirmedAt, a.ParticipantConfirmedAt);
    }

    private Task<bool> HasEvidenceAsync(string code) =>
        factory.InDbAsync(db => db.VoucherEvidence.AnyAsync(e => db.VoucherApplications.Any(a => a.Id == e.ApplicationId && a.VoucherCode == code)));

    private Task<int> AuditCountAsync(string number) => factory.InDbAsync(db => db.AuditEntries.CountAsync(e => e.EntityId == number));

    private static string Dutch(DateOnly day) => day.ToString("dd-MM-yyyy", System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task The_provider_confirms_with_code_and_Dutch_start_date_and_wrong_input_changes_nothing()
    {
        var scheme = await VoucherSchemeBuilder.SchemeAsync(factory, "lp-inschrijf", ceiling: 10_000m, price: 1_000m);
        var other = await VoucherSchemeBuilder.SchemeAsync(factory, "lp-ander", ceiling: 10_000m, price: 1_000m);
        var voucher = await ApplyAsync(scheme, "inschrijf@example.org");
        var strangers = await ApplyAsync(other, "ander@example.org");
        var provider = await ProviderAsync(scheme, ProviderUser);
        var before = await AuditCountAsync(voucher.Number);

        // Nothing typed, in English: both fields named, with links from the summary.
        var empty = await ConfirmAsync(provider, "", "", "?culture=en");
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        var html = await empty.Content.ReadAsStringAsync();
        Assert.Contains("<a href=\"#Confirm_Code\">Enter the voucher code the participant gave you.</a>", html);
        Assert.Contains("<a href=\"#Confirm_Start\">Enter the start date as dd-mm-yyyy, such as 01-02-2027.</a>", html);
        Assert.Contains("aria-describedby=\"fout-Confirm_Code\"", html);
        // A made-up code, another provider's voucher (the same answer: a code reveals nothing), the wrong start date.
        var unknown = await ConfirmAsync(provider, "ZZZZ-ZZZZ", Dutch(scheme.Start));
        Assert.Contains("Er is geen voucher met deze code, of u hebt er geen toegang toe.", await unknown.Content.ReadAsStringAsync());
        var stranger = await ConfirmAsync(provider, strangers.Code, Dutch(other.Start));
        Assert.Equal(HttpStatusCode.BadRequest, stranger.StatusCode);
        Assert.Contains("Er is geen voucher met deze code, of u hebt er geen toegang toe.", await stranger.Content.ReadAsStringAsync());
        var wrongStart = await ConfirmAsync(provider, voucher.Code, Dutch(scheme.Start.AddDays(1)));
        Assert.Contains("Deze voucher is voor een opleiding met een andere startdatum", await wrongStart.Content.ReadAsStringAsync());
        Assert.Equal((VoucherStatus.Granted, (DateTime?)null, (DateTime?)null), await StateAsync(voucher.Code));
        Assert.Equal((VoucherStatus.Granted, (DateTime?)null, (DateTime?)null), await StateAsync(strangers.Code));
        Assert.Equal(before, await AuditCountAsync(voucher.Number));
        // Not yet confirmed, the voucher is not on the provider's list: the code the participant brings is the proof.
        Assert.DoesNotContain(voucher.Code, await provider.GetStringAsync("/aanbieder"));

        // Right, in lower case with the Dutch date: confirmed, waiting for the participant.
        var confirmed = await ConfirmAsync(provider, voucher.Code.ToLowerInvariant(), Dutch(scheme.Start));
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        html = await confirmed.Content.ReadAsStringAsync();
        Assert.Contains($"De inschrijving van voucher {voucher.Code} is bevestigd; nu bevestigt de deelnemer haar nog", html);
        Assert.Contains($"<code>{voucher.Code}</code>", html);
        var state = await StateAsync(voucher.Code);
        Assert.Equal(VoucherStatus.Granted, state.Status);
        Assert.NotNull(state.Provider);
        Assert.Null(state.Participant);
        // The same confirmation again changes nothing more.
        Assert.Equal(HttpStatusCode.OK, (await ConfirmAsync(provider, voucher.Code, Dutch(scheme.Start))).StatusCode);
        Assert.Equal(before + 1, await AuditCountAsync(voucher.Number));
        // Another provider's user cannot confirm it either.
        var otherProvider = await ProviderAsync(other, OtherProviderUser);
        Assert.Contains("Er is geen voucher met deze code", await (await ConfirmAsync(otherProvider, voucher.Code, Dutch(scheme.Start))).Content.ReadAsStringAsync());
        Assert.Equal(before + 1, await AuditCountAsync(voucher.Number));
    }

    [Fact]
    public async Task The_participant_sees_the_code_as_QR_and_confirms_through_the_status_link_before_the_provider()
    {
        var scheme = await VoucherSchemeBuilder.SchemeAsync(factory, "lp-deelnemer", ceiling: 10_000m, price: 1_000m);
        var voucher = await ApplyAsync(scheme, "deelnemer@example.org");
        var reader = Anonymous(factory);
        var status = await reader.GetStringAsync(VouchersApi.StatusUrl(voucher.Key));
        Assert.Contains($"aria-label=\"QR-code van vouchercode {voucher.Code}\"", status);
        Assert.Contains("<svg", status);
        Assert.Contains($"href=\"{System.Net.WebUtility.HtmlEncode(VouchersApi.EnrolmentUrl(voucher.Key))}\"", status);
        // The QR code holds the code itself: drawn again here from the code, it is the same picture.
        Assert.Contains(Pactwerk.Web.Shared.QrSvg.Of(voucher.Code, 5), status);

        // Opening the page confirms nothing (a mail scanner may open it).
        var page = await reader.GetAsync(VouchersApi.EnrolmentUrl(voucher.Key) + "&culture=en");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("no-store", page.Headers.CacheControl!.ToString());
        Assert.Contains("Yes, I am enrolled", await page.Content.ReadAsStringAsync());
        Assert.Equal((VoucherStatus.Granted, (DateTime?)null, (DateTime?)null), await StateAsync(voucher.Code));
        var wrong = await PostFormAsync(reader, "/regelingen/aanvraag/inschrijving", new() { ["Key"] = "verzonnen" }, VouchersApi.EnrolmentUrl(voucher.Key));
        Assert.Equal(HttpStatusCode.NotFound, wrong.StatusCode);
        Assert.Contains("Deze link is niet geldig", await wrong.Content.ReadAsStringAsync());

        var confirmed = await PostFormAsync(reader, "/regelingen/aanvraag/inschrijving", new() { ["Key"] = voucher.Key }, VouchersApi.EnrolmentUrl(voucher.Key));
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        Assert.Contains("Nu bevestigt je opleider haar nog", await confirmed.Content.ReadAsStringAsync());
        var state = await StateAsync(voucher.Code);
        Assert.Equal(VoucherStatus.Granted, state.Status);
        Assert.NotNull(state.Participant);

        // Then the provider: enrolled, and the participant's page says so.
        var provider = await ProviderAsync(scheme, ProviderUser);
        var both = await ConfirmAsync(provider, voucher.Code, Dutch(scheme.Start));
        Assert.Contains("de deelnemer had haar al bevestigd, dus de voucher is ingeschreven", await both.Content.ReadAsStringAsync());
        Assert.Equal(VoucherStatus.Enrolled, (await StateAsync(voucher.Code)).Status);
        Assert.Contains("<strong id=\"status\">Ingeschreven</strong>", await reader.GetStringAsync(VouchersApi.EnrolmentUrl(voucher.Key)));
        // A confirmation now is no longer asked, and a second post (a double click) gives the same answer and changes nothing.
        Assert.DoesNotContain("Ja, ik ben ingeschreven", await reader.GetStringAsync(VouchersApi.EnrolmentUrl(voucher.Key)));
        var again = await PostFormAsync(reader, "/regelingen/aanvraag/inschrijving", new() { ["Key"] = voucher.Key }, VouchersApi.EnrolmentUrl(voucher.Key));
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(2, await factory.InDbAsync(db => db.AuditEntries.CountAsync(e => e.Action == "voucher-enrolment-confirmed" && e.EntityId == voucher.Number)));
        Assert.Equal(1, await factory.InDbAsync(db => db.AuditEntries.CountAsync(e => e.Action == "voucher-enrolled" && e.EntityId == voucher.Number)));
    }

    [Fact]
    public async Task Evidence_is_uploaded_on_the_page_and_oversized_or_wrong_files_store_nothing()
    {
        var scheme = await VoucherSchemeBuilder.SchemeAsync(factory, "lp-bewijs", ceiling: 10_000m, price: 1_000m);
        var voucher = await ApplyAsync(scheme, "bewijs@example.org");
        var provider = await ProviderAsync(scheme, ProviderUser);
        await ConfirmAsync(provider, voucher.Code, Dutch(scheme.Start));
        // Before the participant confirmed, the voucher takes no evidence.
        var early = await EvidenceAsync(provider, voucher.Code, "90", Dutch(DateOnly.FromDateTime(DateTime.UtcNow)), Pdf);
        Assert.Contains("Bewijs kan alleen worden ingediend voor een ingeschreven voucher", await early.Content.ReadAsStringAsync());
        await PostFormAsync(Anonymous(factory), "/regelingen/aanvraag/inschrijving", new() { ["Key"] = voucher.Key }, VouchersApi.EnrolmentUrl(voucher.Key));
        Assert.Equal(VoucherStatus.Enrolled, (await StateAsync(voucher.Code)).Status);
        var page = await provider.GetStringAsync("/aanbieder");
        Assert.Contains($"Bewijs indienen voor voucher {voucher.Code}", page);
        var today = Dutch(DateOnly.FromDateTime(DateTime.UtcNow));

        var big = new byte[VoucherLife.MaxCertificateBytes + 1];
        Pdf.CopyTo(big, 0);
        var oversized = await EvidenceAsync(provider, voucher.Code, "90", today, big);
        Assert.Equal(HttpStatusCode.BadRequest, oversized.StatusCode);
        Assert.Contains("Het certificaat is te groot: hoogstens 5 MB.", await oversized.Content.ReadAsStringAsync());
        var gif = await EvidenceAsync(provider, voucher.Code, "90", today, Encoding.ASCII.GetBytes("GIF89a......"), "diploma.pdf", "?culture=en");
        Assert.Equal(HttpStatusCode.BadRequest, gif.StatusCode);
        var html = await gif.Content.ReadAsStringAsync();
        Assert.Contains("The certificate must be a PDF, PNG or JPEG file.", html);
        Assert.Contains($"<a href=\"#Certificate-{voucher.Code}\">", html);
        var wrong = await EvidenceAsync(provider, voucher.Code, "101", "31-02-2027", Pdf, query: "?culture=en");
        html = await wrong.Content.ReadAsStringAsync();
        Assert.Contains("Enter the attendance as a whole percentage from 0 to 100, such as 92.", html);
        Assert.Contains("Enter the completion date as dd-mm-yyyy, such as 31-03-2027.", html);
        Assert.Contains("value=\"101\"", html);
        // Another provider's user is told the voucher is not theirs.
        var stranger = await ProviderAsync(await VoucherSchemeBuilder.SchemeAsync(factory, "lp-vreemd", ceiling: 10_000m, price: 1_000m), OtherProviderUser);
        var foreign = await EvidenceAsync(stranger, voucher.Code, "90", today, Pdf);
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        Assert.Contains("Er is geen voucher met deze code", await foreign.Content.ReadAsStringAsync());
        Assert.Equal(VoucherStatus.Enrolled, (await StateAsync(voucher.Code)).Status);
        Assert.False(await HasEvidenceAsync(voucher.Code));
        Assert.False(await factory.InDbAsync(db => db.AuditEntries.AnyAsync(e => e.Action == "voucher-delivered" && e.EntityId == voucher.Number)));

        var done = await EvidenceAsync(provider, voucher.Code, "92", today, Pdf);
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        Assert.Contains($"Het bewijs voor voucher {voucher.Code} is ingediend", await done.Content.ReadAsStringAsync());
        Assert.Equal(VoucherStatus.Delivered, (await StateAsync(voucher.Code)).Status);
        var saved = await factory.InDbAsync(db => db.VoucherEvidence.AsNoTracking().SingleAsync(e => db.VoucherApplications.Any(a => a.Id == e.ApplicationId && a.VoucherCode == voucher.Code)));
        Assert.Equal(92, saved.AttendancePercent);
        Assert.Equal(DateOnly.FromDateTime(DateTime.UtcNow), saved.CompletedOn);
        Assert.Equal(Pdf, saved.Certificate);
    }

    [Fact]
    public async Task The_officer_sends_back_with_a_reason_the_provider_reads_it_and_the_evidence_is_approved_or_the_voucher_refused()
    {
        var scheme = await VoucherSchemeBuilder.SchemeAsync(factory, "lp-beoordeel", ceiling: 2_000m, price: 1_000m);
        var first = await ApplyAsync(scheme, "een@example.org");
        var second = await ApplyAsync(scheme, "twee@example.org");
        var waiting = await ApplyAsync(scheme, "drie@example.org");
        var provider = await ProviderAsync(scheme, ProviderUser);
        var today = Dutch(DateOnly.FromDateTime(DateTime.UtcNow));
        foreach (var v in new[] { first, second })
        {
            await ConfirmAsync(provider, v.Code, Dutch(scheme.Start));
            await PostFormAsync(Anonymous(factory), "/regelingen/aanvraag/inschrijving", new() { ["Key"] = v.Key }, VouchersApi.EnrolmentUrl(v.Key));
            Assert.Equal(HttpStatusCode.OK, (await EvidenceAsync(provider, v.Code, "90", today, Pdf)).StatusCode);
        }
        var officer = await SignInAsync(factory, Officer);
        Assert.Contains("href=\"/regelingen/lp-beoordeel/beheer/bewijs\"", await officer.GetStringAsync("/regelingen/lp-beoordeel/beheer"));
        const string url = "/regelingen/lp-beoordeel/beheer/bewijs";
        var list = await officer.GetStringAsync(url);
        Assert.Contains($"Voucher {first.Code}", list);
        Assert.Contains($"href=\"/api/v1/vouchers/{first.Code}/certificate\"", list);
        // A member sees nothing of it.
        Assert.NotEqual(HttpStatusCode.OK, (await (await SignInAsync(factory, "oost@techniekpact.demo")).GetAsync(url)).StatusCode);

        // No reason, no decision (in English): named, nothing changed.
        var noReason = await PostFormAsync(officer, url + "?culture=en", new() { ["Voucher"] = first.Code, ["Reason"] = " " });
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        var html = await noReason.Content.ReadAsStringAsync();
        Assert.Contains("Give the reason for the decision (at most 1000 characters).", html);
        Assert.Contains("Choose approve, send back or refuse.", html);
        Assert.Equal(VoucherStatus.Delivered, (await StateAsync(first.Code)).Status);

        var back = await PostFormAsync(officer, url, new() { ["Voucher"] = first.Code, ["Decision"] = "return", ["Reason"] = "Het certificaat is onleesbaar" });
        Assert.Equal(HttpStatusCode.OK, back.StatusCode);
        Assert.Equal(VoucherStatus.Enrolled, (await StateAsync(first.Code)).Status);
        var providerPage = await provider.GetStringAsync("/aanbieder");
        Assert.Contains("<blockquote>Het certificaat is onleesbaar</blockquote>", providerPage);
        Assert.Equal(HttpStatusCode.OK, (await EvidenceAsync(provider, first.Code, "95", today, Pdf)).StatusCode);
        Assert.DoesNotContain("Het certificaat is onleesbaar", await provider.GetStringAsync("/aanbieder"));

        var approved = await PostFormAsync(officer, url, new() { ["Voucher"] = first.Code, ["Decision"] = "approve", ["Reason"] = "In orde" });
        Assert.Contains($"Het bewijs van voucher {first.Code} is goedgekeurd voor betaling.", await approved.Content.ReadAsStringAsync());
        Assert.Equal(VoucherStatus.Approved, (await StateAsync(first.Code)).Status);
        // Approved twice: the voucher is no longer on the list; nothing changes.
        var twice = await PostFormAsync(officer, url, new() { ["Voucher"] = first.Code, ["Decision"] = "approve", ["Reason"] = "Nog eens" });
        Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
        Assert.Equal(1, await factory.InDbAsync(db => db.AuditEntries.CountAsync(e => e.Action == "voucher-approved" && e.EntityId == first.Number)));

        // The second voucher's evidence turns out false: refused, its 1.000,00 goes back and the waiting one moves up.
        var refused = await PostFormAsync(officer, url, new() { ["Voucher"] = second.Code, ["Decision"] = "refuse", ["Reason"] = "Cursus heeft niet plaatsgevonden" });
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Equal(VoucherStatus.Refused, (await StateAsync(second.Code)).Status);
        Assert.Equal(VoucherStatus.Granted, (await StateAsync(waiting.Code)).Status);
        var (reserved, held) = await factory.InDbAsync(async db =>
        {
            var s = await db.VoucherSchemes.AsNoTracking().SingleAsync(x => x.Code == "lp-beoordeel");
            var amounts = await db.VoucherApplications.AsNoTracking().Where(a => a.SchemeId == s.Id
                && (a.Status == VoucherStatus.Granted || a.Status == VoucherStatus.Enrolled || a.Status == VoucherStatus.Delivered || a.Status == VoucherStatus.Approved))
                .Select(a => a.Amount).ToListAsync();
            return (s.Reserved, amounts.Sum());
        });
        Assert.Equal(first.Amount + waiting.Amount, reserved);
        Assert.Equal(held, reserved);

        // Refusing by number: an unknown number and an approved voucher are refused with a message.
        var unknown = await PostFormAsync(officer, url + "?handler=Refuse", new() { ["Number"] = "LP-BEOORDEEL-000099", ["Reason"] = "x" }, url);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Contains("Deze regeling heeft geen aanvraag met nummer &#x27;LP-BEOORDEEL-000099&#x27;.", await unknown.Content.ReadAsStringAsync());
        var late = await PostFormAsync(officer, url + "?handler=Refuse&culture=en", new() { ["Number"] = first.Number, ["Reason"] = "Te laat" }, url + "?culture=en");
        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
        Assert.Contains("Only an application or voucher not yet approved or closed can be refused; nothing was changed.", await late.Content.ReadAsStringAsync());
        Assert.Equal(VoucherStatus.Approved, (await StateAsync(first.Code)).Status);
        var byNumber = await PostFormAsync(officer, url + "?handler=Refuse", new() { ["Number"] = waiting.Number.ToLowerInvariant(), ["Reason"] = "Dubbele identiteit" }, url);
        Assert.Equal(HttpStatusCode.OK, byNumber.StatusCode);
        Assert.Equal(VoucherStatus.Refused, (await StateAsync(waiting.Code)).Status);
        Assert.Equal(first.Amount, await factory.InDbAsync(db => db.VoucherSchemes.Where(s => s.Code == "lp-beoordeel").Select(s => s.Reserved).SingleAsync()));
    }

    [Fact]
    public async Task The_officer_links_an_existing_or_a_new_account_and_a_wrong_address_or_unvetted_provider_changes_nothing()
    {
        var scheme = await VoucherSchemeBuilder.SchemeAsync(factory, "lp-koppel", ceiling: 10_000m, price: 1_000m);
        var unvetted = await VoucherSchemeBuilder.SchemeAsync(factory, "lp-koppel-nee", ceiling: 10_000m, price: 1_000m, vet: false);
        var officer = await SignInAsync(factory, Officer);
        const string url = "/regelingen/lp-koppel/beheer/aanbieders";
        var id = scheme.ProviderId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        async Task<int> Links() => await factory.InDbAsync(db => db.VoucherProviderUsers.CountAsync());
        var before = await Links();

        var wrong = await PostFormAsync(officer, url + "?handler=Link&culture=en", new() { ["Provider"] = id, ["AccountEmail"] = "geen-adres" }, url + "?culture=en");
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.Contains("Enter a valid e-mail address", await wrong.Content.ReadAsStringAsync());
        var empty = await PostFormAsync(officer, url + "?handler=Link", new() { ["Provider"] = id, ["AccountEmail"] = "" }, url);
        Assert.Contains("Vul het e-mailadres van het account in.", await empty.Content.ReadAsStringAsync());
        Assert.Equal(before, await Links());
        // An unvetted provider shows no account form, and a post for it is refused.
        var notVetted = await PostFormAsync(officer, "/regelingen/lp-koppel-nee/beheer/aanbieders?handler=Link",
            new() { ["Provider"] = unvetted.ProviderId.ToString(System.Globalization.CultureInfo.InvariantCulture), ["AccountEmail"] = "x@example.org" }, "/regelingen/lp-koppel-nee/beheer/aanbieders");
        Assert.Equal(HttpStatusCode.Conflict, notVetted.StatusCode);
        Assert.Contains("Deze aanbieder is (nog) niet goedgekeurd", await notVetted.Content.ReadAsStringAsync());
        Assert.False(await factory.InDbAsync(db => db.Users.AnyAsync(u => u.Email == "x@example.org")));
        // A member cannot link.
        var member = await SignInAsync(factory, "oost@techniekpact.demo");
        Assert.NotEqual(HttpStatusCode.OK, (await member.GetAsync(url)).StatusCode);
        Assert.Equal(before, await Links());

        // An existing account: linked, listed.
        var existing = await PostFormAsync(officer, url + "?handler=Link", new() { ["Provider"] = id, ["AccountEmail"] = ProviderUser }, url);
        Assert.Equal(HttpStatusCode.OK, existing.StatusCode);
        Assert.Contains($"{ProviderUser} handelt nu voor Opleider lp-koppel.", await existing.Content.ReadAsStringAsync());
        // A new address: an account without a role, a set-password mail, and the account then reaches /aanbieder.
        var created = await PostFormAsync(officer, url + "?handler=Link", new() { ["Provider"] = id, ["AccountEmail"] = "nieuw@opleider.example" }, url);
        Assert.Contains("nieuw@opleider.example heeft een account gekregen", await created.Content.ReadAsStringAsync());
        Assert.Equal(before + 2, await Links());
        Assert.False(await factory.InDbAsync(db => db.RoleAssignments.AnyAsync(r => db.Users.Any(u => u.Id == r.UserId && u.Email == "nieuw@opleider.example"))));
        var mail = (await MailToAsync(factory, "nieuw@opleider.example")).Single();
        var setPassword = LinkIn(mail);
        var client = Anonymous(factory);
        var chosen = await PostFormAsync(client, setPassword, new() { ["Password"] = "opleider-wachtwoord-2026", ["Confirm"] = "opleider-wachtwoord-2026" });
        Assert.Equal(HttpStatusCode.Redirect, chosen.StatusCode);
        var newProvider = await SignInAsync(factory, "nieuw@opleider.example", "opleider-wachtwoord-2026");
        // A provider user must sign in with two-factor: the new account is sent to set it up before its vouchers show.
        var first = await newProvider.GetAsync("/aanbieder");
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.StartsWith("/account/tweestapsverificatie", first.Headers.Location!.OriginalString);
        // The same link again adds nothing.
        await PostFormAsync(officer, url + "?handler=Link", new() { ["Provider"] = id, ["AccountEmail"] = ProviderUser }, url);
        Assert.Equal(before + 2, await Links());
    }

    [Fact]
    public async Task The_demo_provider_user_signs_in_and_finds_the_demo_voucher_ready_to_enrol()
    {
        var provider = await SignInAsync(factory, "aanbieder@gelderland.demo");
        Assert.Contains("Inschrijving bevestigen", await provider.GetStringAsync("/aanbieder"));
        var demo = await factory.InDbAsync(db => db.VoucherApplications.AsNoTracking().Where(a => a.Email == "deelnemer@gelderland.demo")
            .Select(a => new { a.VoucherCode, a.CourseStart, a.Status }).SingleAsync());
        Assert.Equal(VoucherStatus.Granted, demo.Status);
        var confirmed = await ConfirmAsync(provider, demo.VoucherCode, Dutch(demo.CourseStart));
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        Assert.NotNull((await StateAsync(demo.VoucherCode)).Provider);
        // Someone without a provider link is told so.
        Assert.Contains("Uw account is (nog) niet gekoppeld aan een opleider.", await (await SignInAsync(factory, "noord@techniekpact.demo")).GetStringAsync("/aanbieder"));
        Assert.NotEqual(HttpStatusCode.OK, (await Anonymous(factory).GetAsync("/aanbieder")).StatusCode);
    }
}

public sealed class VoucherLifePagesSqlite(SqliteFactory factory) : VoucherLifePagesTests<SqliteFactory>(factory);
public sealed class VoucherLifePagesPostgres(PostgresFactory factory) : VoucherLifePagesTests<PostgresFactory>(factory);
