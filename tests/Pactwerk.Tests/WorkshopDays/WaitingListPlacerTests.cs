using Pactwerk.Web.Features.WorkshopDays;

namespace Pactwerk.Tests.WorkshopDays;

/// <summary>
/// The waiting-list placer against a search by hand: on random small days, every set of two sessions is tried; the placer
/// must find a placement exactly when one exists, keep every rule (checked by <see cref="AllocationChecker"/> and the room
/// left), and earn as many rank points as the best set found by hand.
/// </summary>
public sealed class WaitingListPlacerTests
{
    [Fact]
    public void The_placer_finds_the_best_placement_exactly_when_one_exists()
    {
        var random = new Random(20);
        var (found, none) = (0, 0);
        for (var round = 0; round < 60; round++)
        {
            var workshops = Enumerable.Range(1, 4).Select(i => new AllocationWorkshop(i, 1, 30, random.Next(2) == 0 ? 60 : 90)).ToList();
            var slots = new[] { 540, 615, 690, 765 }.Select((start, i) => new AllocationSlot(100 + i, 1, start)).ToList();
            var room = workshops.SelectMany(w => slots.Select(s => (w.Id, s.Id))).ToDictionary(k => k, _ => random.Next(4) == 0 ? 30 : random.Next(0, 30));
            var arrival = 540 + 75 * random.Next(2);
            var c = new AllocationClass(1, 1, 20, 1, arrival, arrival + 75 * random.Next(2, 5), workshops.Select(w => w.Id).OrderBy(_ => random.Next()).Take(random.Next(0, 4)).ToList());
            var problem = new AllocationProblem([c], workshops, slots, 2, []);

            var options = workshops.SelectMany(w => slots.Select(s => new Placement(1, w.Id, s.Id))).Where(p => room[(p.WorkshopId, p.SlotId)] >= c.Pupils).ToList();
            var valid = options.SelectMany((a, i) => options.Skip(i + 1).Select(b => new List<Placement> { a, b }))
                .Where(pair => AllocationChecker.Violations(problem, pair).Count == 0).ToList();
            var placed = WaitingListPlacer.Place(c, workshops, slots, room, 2);
            if (valid.Count == 0)
            {
                Assert.Null(placed);
                none++;
                continue;
            }
            Assert.NotNull(placed);
            found++;
            Assert.Empty(AllocationChecker.Violations(problem, placed));
            Assert.All(placed, p => Assert.True(room[(p.WorkshopId, p.SlotId)] >= c.Pupils));
            Assert.Equal(valid.Max(pair => AllocationChecker.Points(problem, pair)), AllocationChecker.Points(problem, placed));
        }
        // Both outcomes occur, so neither half of the check is empty.
        Assert.True(found > 5 && none > 5, $"{found} placed, {none} not");
    }
}
