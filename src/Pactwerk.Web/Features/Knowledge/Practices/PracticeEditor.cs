using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.Accounts;
using Pactwerk.Web.Shared;
using Outcome = Pactwerk.Web.Shared.EditOutcome<Pactwerk.Web.Features.Knowledge.Practice>;

namespace Pactwerk.Web.Features.Knowledge;

public sealed class PracticeLinkInput
{
    [Required(ErrorMessage = "Geef de titel van de link."), StringLength(300, ErrorMessage = "De titel van een link is te lang (hoogstens 300 tekens).")]
    public string Title { get; set; } = "";
    [Required(ErrorMessage = "Geef het adres van de link."), StringLength(2000, ErrorMessage = "Het adres van een link is te lang (hoogstens 2000 tekens).")]
    public string Url { get; set; } = "";
}

/// <summary>One section as the GET returns it; its html is derived from the Markdown and ignored.</summary>
public sealed class PracticeSectionInput
{
    public string Key { get; set; } = "";
    public string? Markdown { get; set; }
}

/// <summary>A reference as the GET names it ({ "id": 7, "name": … }); only the id counts.</summary>
public sealed class PracticeNamedInput
{
    public int Id { get; set; }
}

/// <summary>
/// What an editor may set of a practice; Version is the one they started from (0 for a new one).
/// Objectives, Organisations, Contacts, Actions and Links left out (null) stay as they are.
/// Besides the plain fields it takes what the GET of the practice returned (sections, the owner
/// organisation and the lists as objects), so a client can send back what it read; the GET's
/// derived fields (status, landsdelen, related, html, …) are ignored.
/// </summary>
public class PracticeInput
{
    private const string TooLong = "Deze tekst is te lang: hoogstens 50.000 tekens per onderdeel. Kort de tekst in of verwijs met een link naar het volledige verslag.";

    [Required(ErrorMessage = "Geef een titel."), StringLength(PracticeLimits.Title, ErrorMessage = "De titel is te lang (hoogstens 300 tekens).")]
    public string Title { get; set; } = "";
    [Required(ErrorMessage = "Geef een samenvatting."), StringLength(PracticeLimits.Summary, ErrorMessage = "De samenvatting is te lang (hoogstens 2000 tekens).")]
    public string Summary { get; set; } = "";
    [StringLength(PracticeLimits.Section, ErrorMessage = TooLong)] public string? Context { get; set; }
    [StringLength(PracticeLimits.Section, ErrorMessage = TooLong)] public string? Approach { get; set; }
    [StringLength(PracticeLimits.Section, ErrorMessage = TooLong)] public string? Results { get; set; }
    [StringLength(PracticeLimits.Section, ErrorMessage = TooLong)] public string? ResultsSource { get; set; }
    [StringLength(PracticeLimits.Section, ErrorMessage = TooLong)] public string? WhatWorked { get; set; }
    [StringLength(PracticeLimits.Section, ErrorMessage = TooLong)] public string? WhatDidNotWork { get; set; }
    [StringLength(PracticeLimits.Section, ErrorMessage = TooLong)] public string? TransferConditions { get; set; }
    /// <summary>A code of the target groups (pupils, students, workers, …).</summary>
    public string? TargetGroup { get; set; }
    /// <summary>A sector code (technology, care, …).</summary>
    public string? Sector { get; set; }
    /// <summary>The organisation that answers for the practice.</summary>
    public int? OrganisationId { get; set; }
    /// <summary>The owner organisation as the GET returns it ({ "id", "name" }): the same as <see cref="OrganisationId"/>.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public PracticeNamedInput? Organisation { get => null; set { if (value is not null) OrganisationId = value.Id; } }
    /// <summary>
    /// The sections as the GET returns them ({ "key": "context", "markdown": … }): the same as the
    /// fields named by their key. A key that is not a section is refused.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public List<PracticeSectionInput>? Sections
    {
        get => null;
        set
        {
            foreach (var section in value ?? [])
                switch (section.Key)
                {
                    case "context": Context = section.Markdown; break;
                    case "approach": Approach = section.Markdown; break;
                    case "results": Results = section.Markdown; break;
                    case "resultsSource": ResultsSource = section.Markdown; break;
                    case "whatWorked": WhatWorked = section.Markdown; break;
                    case "whatDidNotWork": WhatDidNotWork = section.Markdown; break;
                    case "transferConditions": TransferConditions = section.Markdown; break;
                    default: throw new System.Text.Json.JsonException($"'{section.Key}' is geen onderdeel van een praktijk; kies uit {string.Join(", ", PracticeDetails.SectionKeys)}.");
                }
        }
    }
    /// <summary>Codes of the regions the practice took place in, of any set (TP-OOST, PV23, GM0193); or the regions as the GET returns them.</summary>
    [System.Text.Json.Serialization.JsonConverter(typeof(ReadBackJson.Codes))]
    public List<string> Regions { get; set; } = [];
    /// <summary>Numbers of the pact's objectives; or the objectives as the GET returns them (their number counts).</summary>
    [System.Text.Json.Serialization.JsonConverter(typeof(ReadBackJson.Numbers))]
    public List<int>? Objectives { get; set; }
    /// <summary>Ids of the organisations involved; or the organisations as the GET returns them.</summary>
    [System.Text.Json.Serialization.JsonConverter(typeof(ReadBackJson.Ids))]
    public List<int>? Organisations { get; set; }
    /// <summary>Ids of the contact people; or the contacts as the GET returns them.</summary>
    [System.Text.Json.Serialization.JsonConverter(typeof(ReadBackJson.Ids))]
    public List<int>? Contacts { get; set; }
    /// <summary>Ids of the pact's actions the practice belongs to; or the actions as the GET returns them.</summary>
    [System.Text.Json.Serialization.JsonConverter(typeof(ReadBackJson.Ids))]
    public List<int>? Actions { get; set; }
    public List<PracticeLinkInput>? Links { get; set; }
    public DateOnly? StartsOn { get; set; }
    public DateOnly? EndsOn { get; set; }
    public int Version { get; set; }
}

/// <summary>A new practice: the pact it belongs to (its code) and its fields. It starts as a draft.</summary>
public sealed class NewPracticeInput : PracticeInput
{
    public string Pact { get; set; } = "";
}

/// <summary>A move in the review workflow, on the version the reviewer saw; a note is needed to send back.</summary>
public sealed class PracticeReviewInput
{
    public int Version { get; set; }
    [StringLength(PracticeLimits.Note, ErrorMessage = "De toelichting is te lang (hoogstens 2000 tekens).")]
    public string? Note { get; set; }
}

/// <summary>
/// Creates and changes practices and moves them through review, for the API and the pages alike.
/// Editors are those of the agenda: the pact's coordinators, a regional lead for a practice wholly
/// inside their region, a partner editor for their organisation's practice. Publishing and sending
/// back are for the pact's coordinators only.
/// </summary>
public sealed class PracticeEditor(PactwerkDb db, AccessScopeProvider scopes, PracticeIndex index, PracticeRelated related, TimeProvider clock)
{
    public async Task<bool> MayEditAsync(Practice practice, CancellationToken ct)
    {
        var scope = await scopes.GetAsync(ct);
        if (!scope.IsSignedIn)
            return false;
        var regionIds = practice.Regions.Count > 0 ? practice.Regions.Select(r => r.RegionId).ToList()
            : await db.Set<PracticeRegion>().Where(r => r.PracticeId == practice.Id).Select(r => r.RegionId).ToListAsync(ct);
        var municipalities = await AccessScopeProvider.MunicipalitiesOfAsync(db, regionIds, ct);
        return scope.MayEdit(practice.PactId, municipalities.Values.SelectMany(m => m).ToHashSet(), practice.OrganisationId);
    }

    public async Task<bool> MayReviewAsync(Practice practice, CancellationToken ct)
    {
        var scope = await scopes.GetAsync(ct);
        return !scope.ReadOnly && scope.Coordinates(practice.PactId);
    }

    /// <summary>Published practices are public; the others are for their editors and the pact's coordinators.</summary>
    public async Task<bool> MayViewAsync(Practice practice, CancellationToken ct) =>
        practice.Status == PracticeStatus.Published || (await scopes.GetAsync(ct)).Coordinates(practice.PactId) || await MayEditAsync(practice, ct);

    public async Task<Outcome> CreateAsync(string pactCode, PracticeInput input, CancellationToken ct)
    {
        var pact = await Pacts.PactLookup.FindAsync(db, pactCode ?? "", ct);
        if (pact is null)
            return new Outcome.Invalid(new Dictionary<string, string[]> { ["pact"] = [KnowledgeMessages.Format(KnowledgeMessages.NoPact, pactCode)] });
        var practice = new Practice { PactId = pact.Id, Title = "", Summary = "" };
        var problem = await ApplyAsync(practice, input, isNew: true, ct);
        if (problem is not null)
            return problem;
        db.Set<Practice>().Add(practice);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.SaveChangesAsync(ct);
        await index.RefreshAsync(practice, ct);
        await tx.CommitAsync(ct);
        return new Outcome.Saved(practice);
    }

    public async Task<Outcome> UpdateAsync(int id, PracticeInput input, CancellationToken ct)
    {
        var practice = await LoadAsync(id, ct);
        if (practice is null)
            return new Outcome.NotFound();
        if (!await MayEditAsync(practice, ct))
            return new Outcome.Forbidden("Je mag deze praktijk niet wijzigen.");
        var problem = await ApplyAsync(practice, input, isNew: false, ct);
        if (problem is not null)
            return problem;
        // What a coordinator published is what the public reads: a change by anyone else goes back to review.
        if (practice.Status == PracticeStatus.Published && !await MayReviewAsync(practice, ct) && db.ChangeTracker.HasChanges())
            practice.ReturnToReview();
        return await SaveAsync(practice, input.Version, ct);
    }

    /// <summary>Draft → in review, by an editor.</summary>
    public Task<Outcome> SubmitAsync(int id, PracticeReviewInput input, CancellationToken ct) =>
        MoveAsync(id, input, PracticeStatus.InReview, ct);

    /// <summary>Draft or in review → published, by a coordinator of the pact.</summary>
    public Task<Outcome> PublishAsync(int id, PracticeReviewInput input, CancellationToken ct) =>
        MoveAsync(id, input, PracticeStatus.Published, ct);

    /// <summary>In review → draft with the coordinator's note of what is missing.</summary>
    public Task<Outcome> SendBackAsync(int id, PracticeReviewInput input, CancellationToken ct) =>
        MoveAsync(id, input, PracticeStatus.Draft, ct);

    private async Task<Outcome> MoveAsync(int id, PracticeReviewInput input, PracticeStatus to, CancellationToken ct)
    {
        var practice = await LoadAsync(id, ct);
        if (practice is null)
            return new Outcome.NotFound();
        var review = to != PracticeStatus.InReview;
        if (review ? !await MayReviewAsync(practice, ct) : !await MayEditAsync(practice, ct))
            return new Outcome.Forbidden(review
                ? "Alleen een coördinator van het pact mag een praktijk publiceren of terugsturen."
                : "Je mag deze praktijk niet ter beoordeling aanbieden.");
        var errors = EditSupport.Validate(input);
        if (practice.RefuseMove(to, input.Note) is { } refusal)
            errors[refusal == Practice.NoteNeeded ? nameof(input.Note) : "status"] = [refusal];
        if (errors.Count > 0)
            return new Outcome.Invalid(errors);
        practice.MoveTo(to, clock.GetUtcNow().UtcDateTime, input.Note);
        return await SaveAsync(practice, input.Version, ct);
    }

    private async Task<Outcome> SaveAsync(Practice practice, int version, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var outcome = await EditSupport.SaveVersionedAsync(db, practice, practice.Id, version,
            async () => (await LoadAsync(practice.Id, ct))!, ct);
        if (outcome is Outcome.Saved)
        {
            await index.RefreshAsync(practice, ct);
            await tx.CommitAsync(ct);
            // After the commit, so the lists are made from what others can read; before the answer,
            // so the first view after a publish or change finds them ready.
            await related.KeepCurrentAsync(practice.Id, ct);
        }
        return outcome;
    }

    private Task<Practice?> LoadAsync(int id, CancellationToken ct) =>
        db.Set<Practice>().Include(p => p.Regions).Include(p => p.Objectives).Include(p => p.Organisations)
            .Include(p => p.Contacts).Include(p => p.Actions).Include(p => p.Links).AsSplitQuery()
            .SingleOrDefaultAsync(p => p.Id == id, ct);

    /// <summary>Checks the input and the editor's scope on the result; changes the practice only when all is well.</summary>
    private async Task<Outcome?> ApplyAsync(Practice practice, PracticeInput input, bool isNew, CancellationToken ct)
    {
        var errors = EditSupport.Validate(input);
        if (Values.Blank(input.Sector) is { } sector && !Network.Sectors.IsKnown(sector))
            errors[nameof(input.Sector)] = [KnowledgeMessages.Format(KnowledgeMessages.UnknownSector, sector, string.Join(", ", Network.Sectors.All))];
        if (Values.Blank(input.TargetGroup) is { } group && !PracticeTargetGroups.IsKnown(group))
            errors[nameof(input.TargetGroup)] = [KnowledgeMessages.Format(KnowledgeMessages.UnknownTargetGroup, group, string.Join(", ", PracticeTargetGroups.All))];
        if (input.StartsOn is { } start && input.EndsOn is { } end && end < start)
            errors[nameof(input.EndsOn)] = ["De praktijk kan niet eindigen voordat ze begint."];

        var codes = (input.Regions ?? []).Select(c => (c ?? "").Trim().ToUpperInvariant()).Where(c => c.Length > 0).Distinct().ToList();
        var regions = await db.Regions.Where(r => codes.Contains(r.Code) && r.ValidTo == null).ToListAsync(ct);
        if (codes.Count == 0)
            errors[nameof(input.Regions)] = ["Kies ten minste één regio."];
        else if (codes.Except(regions.Select(r => r.Code)).ToList() is { Count: > 0 } unknownRegions)
            errors[nameof(input.Regions)] = [KnowledgeMessages.Format(KnowledgeMessages.NoRegions, string.Join(", ", unknownRegions.Select(c => $"'{c}'")))];

        if (input.OrganisationId is { } owner && !await db.Organisations.AnyAsync(o => o.Id == owner, ct))
            errors[nameof(input.OrganisationId)] = [KnowledgeMessages.Format(KnowledgeMessages.NoOrganisation, owner)];
        var numbers = (input.Objectives ?? []).Distinct().ToList();
        var objectives = await db.Objectives.Where(o => o.PactId == practice.PactId && numbers.Contains(o.Number)).ToListAsync(ct);
        if (numbers.Except(objectives.Select(o => o.Number)).ToList() is { Count: > 0 } unknownObjectives)
            errors[nameof(input.Objectives)] = [KnowledgeMessages.Format(KnowledgeMessages.NoObjectiveNumbers, string.Join(", ", unknownObjectives))];
        var organisationIds = (input.Organisations ?? []).Distinct().ToList();
        if (organisationIds.Except(await db.Organisations.Where(o => organisationIds.Contains(o.Id)).Select(o => o.Id).ToListAsync(ct)).ToList() is { Count: > 0 } unknownOrganisations)
            errors[nameof(input.Organisations)] = [KnowledgeMessages.Format(KnowledgeMessages.NoOrganisation, string.Join(", ", unknownOrganisations))];
        var contactIds = (input.Contacts ?? []).Distinct().ToList();
        if (contactIds.Except(await db.People.Where(p => contactIds.Contains(p.Id)).Select(p => p.Id).ToListAsync(ct)).ToList() is { Count: > 0 } unknownPeople)
            errors[nameof(input.Contacts)] = [KnowledgeMessages.Format(KnowledgeMessages.NoPeople, string.Join(", ", unknownPeople))];
        var actionIds = (input.Actions ?? []).Distinct().ToList();
        if (actionIds.Except(await db.PactActions.Where(a => actionIds.Contains(a.Id) && a.PactId == practice.PactId).Select(a => a.Id).ToListAsync(ct)).ToList() is { Count: > 0 } unknownActions)
            errors[nameof(input.Actions)] = [KnowledgeMessages.Format(KnowledgeMessages.NoActions, string.Join(", ", unknownActions))];
        var links = input.Links ?? [];
        if (links.FirstOrDefault(l => EditSupport.Validate(l).Count > 0) is { } badLink)
            errors[nameof(input.Links)] = EditSupport.Validate(badLink).SelectMany(e => e.Value).ToArray();
        else if (links.FirstOrDefault(l => !Uri.TryCreate(l.Url.Trim(), UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http")) is { } notWeb)
            errors[nameof(input.Links)] = [KnowledgeMessages.Format(KnowledgeMessages.NotWebAddress, notWeb.Url)];
        if (errors.Count > 0)
            return new Outcome.Invalid(errors);

        // The editor must be allowed on what the practice becomes: its regions and its organisation.
        var scope = await scopes.GetAsync(ct);
        var municipalities = await AccessScopeProvider.MunicipalitiesOfAsync(db, regions.Select(r => r.Id).ToList(), ct);
        if (!scope.MayEdit(practice.PactId, municipalities.Values.SelectMany(m => m).ToHashSet(), input.OrganisationId))
            return new Outcome.Forbidden(isNew
                ? KnowledgeMessages.Format(KnowledgeMessages.NotYourRegions, string.Join(", ", regions.Select(r => r.Name)))
                : "Je mag deze praktijk niet aan die organisatie geven of in die regio's laten spelen.");

        practice.Title = input.Title.Trim();
        practice.Summary = input.Summary.Trim();
        practice.Context = input.Context?.Trim() ?? "";
        practice.Approach = input.Approach?.Trim() ?? "";
        practice.Results = input.Results?.Trim() ?? "";
        practice.ResultsSource = input.ResultsSource?.Trim() ?? "";
        practice.WhatWorked = input.WhatWorked?.Trim() ?? "";
        practice.WhatDidNotWork = input.WhatDidNotWork?.Trim() ?? "";
        practice.TransferConditions = input.TransferConditions?.Trim() ?? "";
        practice.TargetGroup = Values.Blank(input.TargetGroup);
        practice.Sector = Values.Blank(input.Sector);
        practice.OrganisationId = input.OrganisationId;
        practice.StartsOn = input.StartsOn;
        practice.EndsOn = input.EndsOn;
        practice.SearchSynonyms = PracticeText.SynonymsOf(practice.Title + "\n" + PracticeIndex.BodyText(practice));
        Replace(practice.Regions, regions.Select(r => new PracticeRegion { RegionId = r.Id, Region = r }), r => r.RegionId);
        if (input.Objectives is not null)
            Replace(practice.Objectives, objectives.Select(o => new PracticeObjective { ObjectiveId = o.Id, Objective = o }), o => o.ObjectiveId);
        if (input.Organisations is not null)
            Replace(practice.Organisations, organisationIds.Select(o => new PracticeOrganisation { OrganisationId = o }), o => o.OrganisationId);
        if (input.Contacts is not null)
            Replace(practice.Contacts, contactIds.Select(p => new PracticeContact { PersonId = p }), c => c.PersonId);
        if (input.Actions is not null)
            Replace(practice.Actions, actionIds.Select(a => new PracticeAction { ActionId = a }), a => a.ActionId);
        if (input.Links is not null)
        {
            var wantedLinks = links.Select(l => (Title: l.Title.Trim(), Url: l.Url.Trim())).ToList();
            practice.Links.RemoveAll(l => !wantedLinks.Contains((l.Title, l.Url)));
            practice.Links.AddRange(wantedLinks.Where(w => !practice.Links.Any(l => (l.Title, l.Url) == w)).Select(w => new PracticeLink { Title = w.Title, Url = w.Url }));
        }
        // A change only to the links leaves the practice row itself unchanged, yet it is a new version.
        if (!isNew && db.Entry(practice).State == EntityState.Unchanged && db.ChangeTracker.HasChanges())
            db.Entry(practice).Property(p => p.Version).IsModified = true;
        return null;
    }

    /// <summary>Keeps the links that stay (so the audit trail shows only real changes), removes and adds the rest.</summary>
    private static void Replace<T>(List<T> current, IEnumerable<T> wanted, Func<T, int> key)
    {
        var want = wanted.ToList();
        current.RemoveAll(c => want.All(w => key(w) != key(c)));
        current.AddRange(want.Where(w => current.All(c => key(c) != key(w))));
    }
}
