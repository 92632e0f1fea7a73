using Assistant.Ticketing.Storage;
using Assistant.Ticketing.Tests.Support;
using Assistant.Ticketing.Tickets;

namespace Assistant.Ticketing.Tests.Storage;

public sealed class TicketStoreTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task Two_hundred_tickets_created_in_parallel_get_two_hundred_distinct_referencesAsync()
    {
        using var ticketing = new TestTicketing(_directory.DatabasePath);

        var tickets = await Task.WhenAll(Enumerable.Range(0, 200).Select(i => Task.Run(() =>
            ticketing.Tickets.Create(TestTicketing.SampleTicket(i % 2 == 0 ? "digisense" : "icosnet", title: $"Ticket {i}"), TestTicketing.Requester))));

        Assert.Equal(200, tickets.Select(t => t.Reference).Distinct().Count());
        Assert.Equal(200, ticketing.Tickets.Query(new TicketQuery(Limit: 500)).Count);
        var year = DateTimeOffset.UtcNow.Year;
        var expected = Enumerable.Range(1, 100).Select(n => $"{n:D6}").ToList();
        foreach (var prefix in new[] { "DGS", "ICN" })
        {
            var numbers = tickets.Select(t => t.Reference).Where(r => r.StartsWith(prefix, StringComparison.Ordinal)).Select(r => r[^6..]).Order().ToList();
            Assert.Equal(expected, numbers);
        }

        Assert.All(tickets, t => Assert.Matches($"^(DGS|ICN)-({year}|{year + 1})-\\d{{6}}$", t.Reference));
    }

    [Fact]
    public void Tickets_and_the_reference_counter_survive_closing_and_reopening_the_file()
    {
        string reference;
        using (var ticketing = new TestTicketing(_directory.DatabasePath))
        {
            reference = ticketing.Tickets.Create(TestTicketing.SampleTicket(), TestTicketing.Requester).Reference;
            ticketing.Tickets.AddComment(reference, new NewComment("Bonjour", Internal: false), TestTicketing.Agent);
        }

        using var reopened = new TestTicketing(_directory.DatabasePath);

        var found = reopened.Tickets.Find(reference);
        Assert.NotNull(found);
        Assert.Equal("Bonjour", Assert.Single(found.Comments).Text);
        var next = reopened.Tickets.Create(TestTicketing.SampleTicket(), TestTicketing.Requester);
        Assert.Equal(int.Parse(reference[^6..], System.Globalization.CultureInfo.InvariantCulture) + 1, int.Parse(next.Reference[^6..], System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void The_reference_is_unique_in_the_file_itself()
    {
        using var ticketing = new TestTicketing(_directory.DatabasePath);
        var ticket = ticketing.Tickets.Create(TestTicketing.SampleTicket(), TestTicketing.Requester);

        ticket.Id = 0;
        Assert.Throws<LiteDB.LiteException>(() => ticketing.Database.Tickets.Insert(ticket));
    }

    [Fact]
    public void A_file_written_by_a_newer_build_is_refused_with_a_clear_message()
    {
        using (var database = new LiteDB.LiteDatabase(_directory.DatabasePath))
        {
            database.UserVersion = TicketingDatabase.CurrentVersion + 1;
        }

        var error = Assert.Throws<InvalidOperationException>(() => new TicketingDatabase(_directory.DatabasePath));

        Assert.Contains("newer than this build", error.Message, StringComparison.Ordinal);
    }
}
