using Assistant.Ticketing.Notices;
using Assistant.Ticketing.Reports;
using Assistant.Ticketing.Tests.Support;

namespace Assistant.Ticketing.Tests.Reports;

/// <summary>Figures per incident over real notices and linked tickets on a LiteDB file, with a manual clock.</summary>
public sealed class IncidentReportsTests : IDisposable
{
    private readonly ManualClock _clock = new(new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero));
    private readonly TempDirectory _directory = new();
    private readonly TestTicketing _ticketing;
    private readonly NoticeBoard _board;
    private readonly IncidentReports _reports;

    public IncidentReportsTests()
    {
        _ticketing = new TestTicketing(_directory.DatabasePath, _clock);
        _board = new NoticeBoard(_ticketing.Database, _clock);
        _reports = new IncidentReports(_ticketing.Database, _clock);
    }

    public void Dispose()
    {
        _ticketing.Dispose();
        _directory.Dispose();
    }

    [Fact]
    public void Each_incident_of_the_period_counts_its_linked_reports_the_time_to_its_first_update_and_its_duration()
    {
        // Resolved: first update after 20 min, ended after 90 min (the resolution, stored as the last update, is not a first update).
        var resolved = Declare("digisense", "vroom", linked: 3);
        _clock.Advance(TimeSpan.FromMinutes(20));
        _board.Change(resolved.Id, n => n.Updates.Add(new NoticeUpdate { At = _clock.Now, TextFr = "Correctif en cours." }));
        _clock.Advance(TimeSpan.FromMinutes(70));
        _board.Change(resolved.Id, n =>
        {
            n.EndedAt = _clock.Now;
            n.Updates.Add(new NoticeUpdate { At = _clock.Now, TextFr = "Rétabli." });
        });
        // Resolved with no update before the end: no time to a first update.
        _clock.Now = new DateTimeOffset(2026, 11, 3, 14, 0, 0, TimeSpan.Zero);
        var silent = Declare("digisense", "ibox", linked: 1);
        _clock.Advance(TimeSpan.FromMinutes(30));
        _board.Change(silent.Id, n =>
        {
            n.EndedAt = _clock.Now;
            n.Updates.Add(new NoticeUpdate { At = _clock.Now, TextFr = "Rétabli." });
        });
        // Still going on, another operator; and one incident outside the period, one maintenance.
        _clock.Now = new DateTimeOffset(2026, 11, 4, 8, 0, 0, TimeSpan.Zero);
        var ongoing = Declare("icosnet", "vroom", linked: 0);
        _clock.Now = new DateTimeOffset(2026, 11, 10, 8, 0, 0, TimeSpan.Zero);
        Declare("digisense", "vroom", linked: 2);
        _board.Add(new ServiceNotice { Id = "m1", OperatorId = "digisense", Kind = NoticeKinds.Maintenance, Products = ["ibox"], MessageFr = "Maintenance", StartsAt = new DateTimeOffset(2026, 11, 3, 1, 0, 0, TimeSpan.Zero), EndsAt = new DateTimeOffset(2026, 11, 3, 2, 0, 0, TimeSpan.Zero), CreatedAt = _clock.Now });
        _clock.Now = new DateTimeOffset(2026, 11, 4, 10, 0, 0, TimeSpan.Zero);

        var all = _reports.Build(null, new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 5));

        Assert.Equal([resolved.TicketReference, silent.TicketReference, ongoing.TicketReference], all.Incidents.Select(i => i.Reference).ToList());
        Assert.Equal([(3, 20.0, 90.0), (1, (double?)null, 30.0), (0, null, 120.0)], all.Incidents.Select(i => (i.Linked, i.FirstUpdateMinutes, i.DurationMinutes)).ToList());
        Assert.Equal((3, 2, 4), (all.Declared, all.Resolved, all.Linked));
        Assert.Equal(20, all.MedianFirstUpdateMinutes);
        Assert.Equal(60, all.MedianDurationMinutes);
        Assert.Null(all.Incidents[2].EndedAt);

        var icosnet = _reports.Build(["icosnet"], new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 5));
        Assert.Equal([ongoing.TicketReference], icosnet.Incidents.Select(i => i.Reference).ToList());
        Assert.Null(icosnet.MedianDurationMinutes);
    }

    /// <summary>An incident started now with its own ticket and <paramref name="linked"/> reports linked to it.</summary>
    private ServiceNotice Declare(string operatorId, string product, int linked)
    {
        var ticket = _ticketing.Tickets.Create(TestTicketing.SampleTicket(operatorId) with { IsIncident = true }, TestTicketing.Agent);
        for (var i = 0; i < linked; i++)
        {
            _ticketing.Tickets.Create(TestTicketing.SampleTicket(operatorId) with { IncidentReference = ticket.Reference }, TestTicketing.Requester);
        }
        var notice = new ServiceNotice
        {
            Id = Guid.NewGuid().ToString("N")[..12],
            OperatorId = operatorId,
            Kind = NoticeKinds.Incident,
            Products = [product],
            MessageFr = "Panne",
            StartsAt = _clock.Now,
            TicketReference = ticket.Reference,
            CreatedAt = _clock.Now,
        };
        _board.Add(notice);
        return notice;
    }
}
