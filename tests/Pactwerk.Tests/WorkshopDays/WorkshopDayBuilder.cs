using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Pactwerk.Tests.Infrastructure;
using Pactwerk.Web.Features.WorkshopDays;
using static Pactwerk.Tests.Infrastructure.Session;

namespace Pactwerk.Tests.WorkshopDays;

/// <summary>An event of the Techniekpact set up as its coordinator does, through the pages: two days, slots, workshops and a shift.</summary>
public static class WorkshopDayBuilder
{
    public sealed record Built(int Id, string Slug, int Day1, int Day2, int[] Workshops1, int[] Workshops2);

    public static async Task<Built> EventAsync(PactwerkFactory factory, HttpClient coordinator, string slug, int perClass = 2)
    {
        var create = await Form.OpenAsync(coordinator, "/workshopdagen/nieuw");
        create["Slug"] = slug;
        create["Name"] = $"Techniekdagen {slug}";
        create["Venue"] = "Sporthal De Phoenix, Mijdrecht";
        create["ClosesAt"] = DateTime.UtcNow.AddDays(30).ToString("yyyy-MM-dd'T'HH:mm");
        create["PerClass"] = perClass.ToString();
        Assert.Equal(HttpStatusCode.Redirect, (await create.SubmitAsync(coordinator)).StatusCode);
        foreach (var date in new[] { "2030-11-06", "2030-11-07" })
            await PostAsync(coordinator, slug, "Day", new() { ["Date"] = date });
        var (id, days) = await factory.InDbAsync(async db =>
        {
            var id = await db.WorkshopDayEvents.Where(e => e.Slug == slug).Select(e => e.Id).SingleAsync();
            return (id, await db.EventDays.Where(d => d.EventId == id).OrderBy(d => d.Date).Select(d => d.Id).ToListAsync());
        });
        foreach (var day in days)
        {
            foreach (var start in new[] { "09:00", "10:15", "11:30" })
                await PostAsync(coordinator, slug, "Slot", new() { ["DayId"] = day.ToString(), ["StartsAt"] = start });
            foreach (var (title, capacity) in new[] { ("Metselen", 30), ("Programmeren", 90), ("Fietsen repareren", 30) })
                await PostAsync(coordinator, slug, "Workshop", new()
                {
                    ["DayId"] = day.ToString(), ["Title"] = $"{title} {day}", ["Provider"] = "Bouwmensen Utrecht", ["Theme"] = "bouw",
                    ["AgeGroup"] = "groep 7–8", ["Capacity"] = capacity.ToString(), ["Duration"] = "60",
                });
        }
        await PostAsync(coordinator, slug, "Shift", new() { ["DayId"] = days[0].ToString(), ["Task"] = "Ontvangst", ["StartsAt"] = "08:00", ["EndsAt"] = "12:00", ["Needed"] = "12" });
        var workshops = await factory.InDbAsync(db => db.Workshops.Where(w => w.EventId == id).OrderBy(w => w.Id).Select(w => new { w.Id, w.DayId }).ToListAsync());
        return new Built(id, slug, days[0], days[1], workshops.Where(w => w.DayId == days[0]).Select(w => w.Id).ToArray(), workshops.Where(w => w.DayId == days[1]).Select(w => w.Id).ToArray());
    }

    public static async Task PostAsync(HttpClient client, string slug, string handler, Dictionary<string, string> fields)
    {
        var url = $"/workshopdagen/{slug}/programma";
        var response = await PostFormAsync(client, $"{url}?handler={handler}", fields, url);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    /// <summary>A class for the API: 25 pupils on the given day, 09:00–12:45, the given workshops ranked.</summary>
    public static object Class(string name, int day, params int[] preferences) =>
        new { name, pupils = 25, grade = "groep 8", dayId = day, arrival = "09:00", departure = "12:45", preferences };

    public static object Registration(string school, string email, params object[] classes) =>
        new { school, municipality = "De Ronde Venen", teacher = "Juf Anna", email, classes };

    public static string KeyOf(JsonElement answer) =>
        System.Web.HttpUtility.ParseQueryString(new Uri("http://x" + answer.GetProperty("changeUrl").GetString()).Query)["sleutel"]!;

    /// <summary>An event's allocation problem read straight from the database rows, apart from the app's own reading of it: the confirmed classes, the workshops, slots and pins.</summary>
    public static Task<AllocationProblem> ProblemAsync(PactwerkFactory factory, int eventId) => factory.InDbAsync(async db =>
    {
        var perClass = await db.WorkshopDayEvents.Where(e => e.Id == eventId).Select(e => e.WorkshopsPerClass).SingleAsync();
        var classes = await db.SchoolClasses.Where(c => db.SchoolRegistrations.Any(r => r.Id == c.RegistrationId && r.EventId == eventId && r.EmailConfirmedAt != null)).ToListAsync();
        var workshops = await db.Workshops.Where(w => w.EventId == eventId).ToListAsync();
        var slots = await db.SessionSlots.Where(s => db.EventDays.Any(d => d.Id == s.DayId && d.EventId == eventId)).ToListAsync();
        var pins = await db.ClassAssignments.Where(a => a.Pinned).Select(a => new Placement(a.ClassId, a.WorkshopId, a.SlotId)).ToListAsync();
        var ids = classes.Select(c => c.Id).ToHashSet();
        return new AllocationProblem(
            classes.Select(c => new AllocationClass(c.Id, c.RegistrationId, c.Pupils, c.DayId, c.Arrival.Hour * 60 + c.Arrival.Minute, c.Departure.Hour * 60 + c.Departure.Minute, c.Preferences)).ToList(),
            workshops.Select(w => new AllocationWorkshop(w.Id, w.DayId, w.CapacityPerSession, w.DurationMinutes)).ToList(),
            slots.Select(s => new AllocationSlot(s.Id, s.DayId, s.StartsAt.Hour * 60 + s.StartsAt.Minute)).ToList(), perClass, pins.Where(p => ids.Contains(p.ClassId)).ToList());
    });
}
