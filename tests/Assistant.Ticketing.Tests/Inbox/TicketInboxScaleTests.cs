using System.Diagnostics;
using Assistant.Ticketing.Inbox;
using Assistant.Ticketing.Tests.Support;
using Assistant.Ticketing.Tickets;
using Xunit.Abstractions;

namespace Assistant.Ticketing.Tests.Inbox;

/// <summary>
/// The inbox over many tickets on a real LiteDB file: pages come in order from the due index, and the test output
/// gives the time of each kind of page (the README quotes a run at 100,000). No timing is asserted. 20,000 tickets
/// by default, to keep the suite short on a small machine; <c>INBOX_SCALE_TICKETS=100000</c> for the full measure.
/// </summary>
[Trait("Category", "Benchmark")]
public sealed class TicketInboxScaleTests(ITestOutputHelper output) : IDisposable
{
    private static readonly int Count = int.TryParse(Environment.GetEnvironmentVariable("INBOX_SCALE_TICKETS"), out var count) && count >= 1000 ? count / 1000 * 1000 : 20_000;
    private static readonly string[] Priorities = ["low", "normal", "high", "urgent"];
    private readonly ManualClock _clock = new(new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero));
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task Many_tickets_page_in_due_order_from_the_indexAsync()
    {
        using var ticketing = new TestTicketing(_directory.DatabasePath, _clock);
        var inbox = new TicketInbox(ticketing.Database, _clock);
        var watch = Stopwatch.StartNew();
        for (var batch = 0; batch < Count / 1000; batch++)
        {
            // Many tickets share one group commit, as when many chats file at once.
            await Task.WhenAll(Enumerable.Range(0, 1000).Select(i => ticketing.Tickets.CreateAsync(
                TestTicketing.SampleTicket(title: $"Panne {batch}-{i}") with { Priority = Priorities[(batch + i) % 4] }, TestTicketing.Requester)));
            _clock.Advance(TimeSpan.FromMinutes(7));
        }

        output.WriteLine($"{Count} tickets filed in {watch.Elapsed.TotalSeconds:0.0} s");
        _clock.Advance(TimeSpan.FromDays(2));

        var first = Timed("page 1, earliest due first", () => inbox.Page(new InboxQuery { OperatorIds = ["digisense"] }));
        var deep = Timed("page 40", () => inbox.Page(new InboxQuery { OperatorIds = ["digisense"], Page = 40 }));
        var late = Timed("page 1 of the late view", () => inbox.Page(new InboxQuery { OperatorIds = ["digisense"], Late = true }));
        var urgent = Timed("page 1 of urgent only", () => inbox.Page(new InboxQuery { OperatorIds = ["digisense"], Priority = "urgent" }));
        var wanted = $"DGS-2026-{Count / 2:D6}";
        var reference = Timed("a reference", () => inbox.Page(new InboxQuery { Search = wanted }));
        Timed("words found late in the order", () => inbox.Page(new InboxQuery { Search = $"panne {(Count / 1000) - 1}-998" }));
        var counts = Timed("counts of every view (computed)", () => inbox.Counts(["digisense"], "agent-1", fresh: true));
        Timed("counts of every view (cached)", () => inbox.Counts(["digisense"], "agent-1"));

        AssertDueOrder(first.Tickets);
        AssertDueOrder(deep.Tickets);
        AssertDueOrder(late.Tickets);
        Assert.True(first.HasMore);
        Assert.All(urgent.Tickets, t => Assert.Equal("urgent", t.Priority));
        Assert.Equal(wanted, Assert.Single(reference.Tickets).Reference);
        Assert.Equal(Count, counts.Active);
        Assert.Equal(TicketInbox.DueIndex, inbox.Plan(new InboxQuery { OperatorIds = ["digisense"] })["index"]["name"].AsString);
    }

    private static void AssertDueOrder(IReadOnlyList<Ticket> tickets)
    {
        Assert.NotEmpty(tickets);
        var due = tickets.Select(t => t.Sla.FirstResponseAt is null ? t.Sla.FirstResponseDue : t.Sla.ResolutionDue).ToList();
        Assert.Equal(due.Order(), due);
    }

    private T Timed<T>(string what, Func<T> read)
    {
        read(); // the first read warms LiteDB's page cache; the second is the one people wait for
        var watch = Stopwatch.StartNew();
        var result = read();
        output.WriteLine($"{what}: {watch.Elapsed.TotalMilliseconds:0} ms");
        return result;
    }
}
