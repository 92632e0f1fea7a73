using Assistant.Ticketing.Reports;
using Assistant.Ticketing.Tests.Support;
using Assistant.Ticketing.Tickets;

namespace Assistant.Ticketing.Tests.Reports;

/// <summary>The reports' figures over real tickets on a LiteDB file, moved through their lives with a manual clock.</summary>
public sealed class TicketReportsTests : IDisposable
{
    private static readonly DateOnly From = new(2026, 11, 1);
    private static readonly DateOnly To = new(2026, 11, 5);

    private readonly ManualClock _clock = new(new DateTimeOffset(2026, 10, 20, 9, 0, 0, TimeSpan.Zero));
    private readonly TempDirectory _directory = new();
    private readonly TestTicketing _ticketing;
    private readonly TicketReports _reports;

    public TicketReportsTests()
    {
        _ticketing = new TestTicketing(_directory.DatabasePath, _clock);
        _reports = new TicketReports(_ticketing.Database, _clock);
    }

    public void Dispose()
    {
        _ticketing.Dispose();
        _directory.Dispose();
    }

    [Fact]
    public void A_period_counts_what_was_opened_and_resolved_in_it_and_the_deadlines_decided()
    {
        // Opened before the period, resolved in it: a resolution of Nov 4, not an opening.
        var early = File("Facture d'octobre en double", category: "billing", product: "other", priority: "normal");
        _clock.Now = At(11, 2, 9, 0);
        var answered = File("Visio coupée", category: "incident", product: "vroom", priority: "high");
        _clock.Advance(TimeSpan.FromMinutes(5));
        _ticketing.Tickets.AddComment(answered.Reference, new NewComment("Nous regardons.", Internal: false), TestTicketing.Agent);
        _clock.Advance(TimeSpan.FromMinutes(55));
        Resolve(answered.Reference);
        _clock.Now = At(11, 2, 11, 0);
        var waiting = File("Partage Ibox impossible", category: "question", product: "ibox", priority: "normal");
        _clock.Now = At(11, 3, 9, 0);
        var reopened = File("Commande non reçue", category: "question", product: "other", priority: "low");
        Resolve(reopened.Reference);
        _ticketing.Tickets.Update(reopened.Reference, new TicketPatch(Status: TicketStatuses.Open), TestTicketing.Requester);
        _ticketing.Tickets.Create(TestTicketing.SampleTicket() with { Quarantined = true }, TestTicketing.Requester);
        _clock.Now = At(11, 4, 10, 0);
        Resolve(early.Reference);
        _clock.Now = At(11, 30, 9, 0);

        var figures = _reports.Build(null, From, To);

        Assert.Equal(3, figures.Opened);
        Assert.Equal(2, figures.Resolved);
        Assert.Equal(
            [(11, 1, 0, 0), (11, 2, 2, 1), (11, 3, 1, 0), (11, 4, 0, 1), (11, 5, 0, 0)],
            figures.Days.Select(d => (d.Date.Month, d.Date.Day, d.Opened, d.Resolved)).ToList());
        Assert.Equal([("question", 2, 0), ("incident", 1, 1)], figures.ByCategory.Select(c => (c.Value, c.Opened, c.Resolved)).ToList());
        Assert.Equal(3, figures.ByOperator.Single(o => o.Value == "digisense").Opened);
        // Answered in 5 minutes: met; the two never answered are past due by Nov 30: missed.
        Assert.Equal((1, 2), (figures.Sla.FirstResponseMet, figures.Sla.FirstResponseMissed));
        Assert.Equal((1, 2), (figures.Sla.ResolutionMet, figures.Sla.ResolutionMissed));
        Assert.Equal(0.333, figures.Sla.FirstResponseAttainment);
        Assert.Equal(5.0, figures.Sla.MedianFirstResponseMinutes);
        Assert.Equal(1.0, figures.Sla.MedianResolutionHours);
        Assert.Equal([answered.Reference, waiting.Reference, reopened.Reference], _reports.Rows(null, From, To).Select(r => r.Reference).ToList());
    }

    [Fact]
    public void Deadlines_still_running_count_neither_way_and_other_operators_stay_out()
    {
        _clock.Now = At(11, 2, 9, 0);
        File("Visio coupée", category: "incident", product: "vroom", priority: "high");
        _ticketing.Tickets.Create(TestTicketing.SampleTicket(operatorId: "icosnet"), TestTicketing.Requester);

        var figures = _reports.Build(["digisense"], From, To);

        Assert.Equal(1, figures.Opened);
        Assert.Equal((0, 0), (figures.Sla.FirstResponseMet, figures.Sla.FirstResponseMissed));
        Assert.Null(figures.Sla.FirstResponseAttainment);
        var row = Assert.Single(_reports.Rows(["digisense"], From, To));
        Assert.Null(row.FirstResponseMet);
    }

    [Fact]
    public void A_period_backwards_or_longer_than_a_year_is_refused()
    {
        Assert.Throws<InvalidTicketValueException>(() => _reports.Build(null, To, From));
        Assert.Throws<InvalidTicketValueException>(() => _reports.Build(null, From, From.AddDays(400)));
    }

    [Fact]
    public void The_median_takes_the_middle_value_or_the_mean_of_the_two_middle_ones()
    {
        Assert.Null(TicketReports.Median([]));
        Assert.Equal(3.0, TicketReports.Median([9, 1, 3]));
        Assert.Equal(2.5, TicketReports.Median([4, 1, 3, 2]));
    }

    private Ticket File(string title, string category, string product, string priority) =>
        _ticketing.Tickets.Create(
            TestTicketing.SampleTicket(title: title) with { Category = category, Product = product, Priority = priority },
            TestTicketing.Requester);

    private void Resolve(string reference) =>
        _ticketing.Tickets.Update(reference, new TicketPatch(Status: TicketStatuses.Resolved), TestTicketing.Agent);

    private static DateTimeOffset At(int month, int day, int hour, int minute) => new(2026, month, day, hour, minute, 0, TimeSpan.Zero);
}
