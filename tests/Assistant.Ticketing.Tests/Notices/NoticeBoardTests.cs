using Assistant.Ticketing.Notices;
using Assistant.Ticketing.Storage;
using Assistant.Ticketing.Tests.Support;
using Assistant.Ticketing.Tickets;

namespace Assistant.Ticketing.Tests.Notices;

/// <summary>The notice board and incident links on a real LiteDB file, reopened to check what is durable.</summary>
public sealed class NoticeBoardTests : IDisposable
{
    private readonly TempDirectory _directory = new();
    private readonly ManualClock _clock = new(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));

    public void Dispose() => _directory.Dispose();

    private ServiceNotice Incident(string product = "vroom") => new()
    {
        Id = Guid.NewGuid().ToString("N")[..12],
        OperatorId = "digisense",
        Kind = NoticeKinds.Incident,
        Products = [product],
        MessageFr = "Écran noir à la connexion",
        StartsAt = _clock.Now.AddMinutes(-10),
        TicketReference = "DGS-2026-000001",
        CreatedAt = _clock.Now,
    };

    [Fact]
    public void An_incident_is_active_on_its_products_until_it_ends_and_survives_a_restart()
    {
        var notice = Incident();
        using (var database = new TicketingDatabase(_directory.DatabasePath))
        {
            var board = new NoticeBoard(database, _clock);
            board.Add(notice);
            Assert.Equal(notice.Id, board.ActiveIncident("digisense", "vroom")?.Id);
            Assert.Null(board.ActiveIncident("digisense", "ibox"));
            Assert.Null(board.ActiveIncident("icosnet", "vroom"));
        }

        using (var database = new TicketingDatabase(_directory.DatabasePath))
        {
            var board = new NoticeBoard(database, _clock);
            Assert.Equal(notice.Id, board.ActiveIncident("digisense", "vroom")?.Id);
            board.Change(notice.Id, n => n.EndedAt = _clock.Now);
            Assert.Null(board.ActiveIncident("digisense", "vroom"));
            Assert.Empty(board.Current());
            Assert.Single(board.History(null));
        }
    }

    [Fact]
    public void A_maintenance_is_current_before_its_window_active_during_it_and_gone_after()
    {
        using var database = new TicketingDatabase(_directory.DatabasePath);
        var board = new NoticeBoard(database, _clock);
        board.Add(new ServiceNotice
        {
            Id = "m1",
            OperatorId = "digisense",
            Kind = NoticeKinds.Maintenance,
            Products = ["ibox"],
            MessageFr = "Mise à niveau",
            StartsAt = _clock.Now.AddHours(1),
            EndsAt = _clock.Now.AddHours(2),
            CreatedAt = _clock.Now,
        });

        Assert.Single(board.Current("digisense"));
        Assert.Null(board.ActiveMaintenance("digisense", "ibox"));
        _clock.Advance(TimeSpan.FromMinutes(90));
        Assert.NotNull(board.ActiveMaintenance("digisense", "ibox"));
        _clock.Advance(TimeSpan.FromMinutes(31));
        Assert.Null(board.ActiveMaintenance("digisense", "ibox"));
        Assert.Empty(board.Current());
    }

    [Fact]
    public void Reports_linked_to_an_incident_are_found_by_its_reference_and_the_link_is_in_the_history()
    {
        using var ticketing = new TestTicketing(_directory.DatabasePath, _clock);
        var incident = ticketing.Tickets.Create(TestTicketing.SampleTicket() with { IsIncident = true }, TestTicketing.Agent);
        var filed = ticketing.Tickets.Create(TestTicketing.SampleTicket() with { IncidentReference = incident.Reference }, TestTicketing.Requester);
        var later = ticketing.Tickets.Create(TestTicketing.SampleTicket(), TestTicketing.Requester);
        ticketing.Tickets.Create(TestTicketing.SampleTicket(), TestTicketing.Requester);

        var linked = ticketing.Tickets.Update(later.Reference, new TicketPatch(IncidentReference: incident.Reference.ToLowerInvariant()), TestTicketing.Agent);

        Assert.Equal(incident.Reference, linked.IncidentReference);
        Assert.Contains(linked.History, h => h.Field == "incident" && h.To == incident.Reference && h.ActorId == "agent-1");
        var found = ticketing.Tickets.Query(new TicketQuery { IncidentReference = incident.Reference }).Select(t => t.Reference).ToList();
        Assert.Equal([later.Reference, filed.Reference], found);
        Assert.True(ticketing.Tickets.Find(incident.Reference)!.IsIncident);
    }
}
