using Assistant.Ticketing.Inbox;
using Assistant.Ticketing.Storage;
using Assistant.Ticketing.Tests.Support;
using Assistant.Ticketing.Tickets;
using LiteDB;

namespace Assistant.Ticketing.Tests.Tickets;

/// <summary>
/// The ticket file's indexes: incidents and their reports share one index, a conversation's tickets are found through
/// its user's, and an older file loses the indexes it no longer needs when it is opened.
/// </summary>
public sealed class TicketIndexTests : IDisposable
{
    private readonly ManualClock _clock = new(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void Incidents_and_their_reports_are_found_on_the_incident_index()
    {
        using var ticketing = new TestTicketing(_directory.DatabasePath, _clock);
        var incident = ticketing.Tickets.Create(TestTicketing.SampleTicket(title: "Panne V-room") with { IsIncident = true }, TestTicketing.Agent);
        var other = ticketing.Tickets.Create(TestTicketing.SampleTicket(title: "Panne Ibox") with { IsIncident = true }, TestTicketing.Agent);
        var reports = Enumerable.Range(0, 3)
            .Select(i => ticketing.Tickets.Create(TestTicketing.SampleTicket(title: $"Visio coupée {i}", userId: $"user-{i}") with { IncidentReference = incident.Reference }, TestTicketing.Requester))
            .ToList();
        _ = ticketing.Tickets.Create(TestTicketing.SampleTicket(title: "Facture en double"), TestTicketing.Requester);

        var linked = ticketing.Tickets.Query(new TicketQuery { IncidentReference = incident.Reference });
        var inbox = new TicketInbox(ticketing.Database, _clock);

        Assert.Equal(reports.Select(r => r.Reference).Order(), linked.Select(t => t.Reference).Order());
        Assert.Equal(3, inbox.LinkedCount(incident.Reference));
        Assert.Equal(0, inbox.LinkedCount(other.Reference));
        var plan = inbox.Plan(new InboxQuery { Incident = incident.Reference });
        Assert.Equal(TicketingDatabase.IncidentIndex, plan["index"]["name"].AsString);
    }

    [Fact]
    public void An_incident_s_own_ticket_is_not_linked_to_another_incident()
    {
        using var ticketing = new TestTicketing(_directory.DatabasePath, _clock);
        var incident = ticketing.Tickets.Create(TestTicketing.SampleTicket(title: "Panne V-room") with { IsIncident = true }, TestTicketing.Agent);
        var second = ticketing.Tickets.Create(TestTicketing.SampleTicket(title: "Panne Ibox") with { IsIncident = true }, TestTicketing.Agent);

        var onCreate = Assert.Throws<InvalidTicketValueException>(() => ticketing.Tickets.Create(
            TestTicketing.SampleTicket(title: "Panne réseau") with { IsIncident = true, IncidentReference = incident.Reference }, TestTicketing.Agent));
        var onPatch = Assert.Throws<InvalidTicketValueException>(() =>
            ticketing.Tickets.Update(second.Reference, new TicketPatch(IncidentReference: incident.Reference), TestTicketing.Agent));

        Assert.Equal("incidentReference", onCreate.Field);
        Assert.Equal("incidentReference", onPatch.Field);
        Assert.Null(ticketing.Tickets.Find(second.Reference)!.IncidentReference);
    }

    [Fact]
    public void A_conversation_s_tickets_are_found_with_or_without_its_user()
    {
        using var ticketing = new TestTicketing(_directory.DatabasePath, _clock);
        var mine = ticketing.Tickets.Create(TestTicketing.SampleTicket(userId: "user-a", conversationId: "conv-a"), TestTicketing.Requester);
        _ = ticketing.Tickets.Create(TestTicketing.SampleTicket(userId: "user-a", conversationId: "conv-b"), TestTicketing.Requester);
        _ = ticketing.Tickets.Create(TestTicketing.SampleTicket(userId: "user-b", conversationId: "conv-c"), TestTicketing.Requester);

        var withUser = ticketing.Tickets.Query(new TicketQuery(ConversationId: "conv-a", RequesterUserId: "user-a"));
        var withoutUser = ticketing.Tickets.Query(new TicketQuery(ConversationId: "conv-a"));

        Assert.Equal(mine.Reference, Assert.Single(withUser).Reference);
        Assert.Equal(mine.Reference, Assert.Single(withoutUser).Reference);
    }

    [Fact]
    public void Opening_a_file_with_the_old_indexes_drops_them_and_keeps_every_ticket()
    {
        using (var old = new LiteDatabase($"Filename={_directory.DatabasePath};Connection=direct"))
        {
            var tickets = old.GetCollection("tickets");
            tickets.Insert(new BsonDocument { ["_id"] = 1L, ["Reference"] = "DGS-2026-000001", ["OperatorId"] = "digisense", ["Status"] = "new", ["ConversationId"] = "conv-1", ["IsIncident"] = false });
            tickets.EnsureIndex("ConversationId", "$.ConversationId");
            tickets.EnsureIndex("IncidentReference", "$.IncidentReference");
            tickets.EnsureIndex("IsIncident", "$.IsIncident");
        }

        using var ticketing = new TestTicketing(_directory.DatabasePath, _clock);

        var names = ticketing.Database.IndexNames("tickets");
        Assert.DoesNotContain("ConversationId", names);
        Assert.DoesNotContain("IncidentReference", names);
        Assert.DoesNotContain("IsIncident", names);
        Assert.Contains(TicketingDatabase.IncidentIndex, names);
        Assert.NotNull(ticketing.Tickets.Find("DGS-2026-000001"));
    }
}
