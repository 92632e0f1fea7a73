using Assistant.Ticketing.Inbox;
using Assistant.Ticketing.Tests.Support;
using Assistant.Ticketing.Tickets;

namespace Assistant.Ticketing.Tests.Inbox;

public sealed class SlaClockTests : IDisposable
{
    private readonly ManualClock _clock = new(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));
    private readonly TempDirectory _directory = new();
    private readonly TestTicketing _ticketing;
    private readonly SlaClock _sla;

    public SlaClockTests()
    {
        _ticketing = new TestTicketing(_directory.DatabasePath, _clock);
        _sla = new SlaClock(_ticketing.Operators, _clock);
    }

    public void Dispose()
    {
        _ticketing.Dispose();
        _directory.Dispose();
    }

    private Ticket Urgent() => _ticketing.Tickets.Create(TestTicketing.SampleTicket() with { Priority = "urgent" }, TestTicketing.Requester);

    [Fact]
    public void The_warning_comes_when_less_than_a_fifth_of_the_working_time_is_left_then_the_ticket_is_breached()
    {
        // Filed Monday 10:00 in Paris, first response due within 4 business hours: 14:00.
        var ticket = Urgent();

        _clock.Now = new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);
        var early = _sla.Standing(ticket);
        _clock.Now = new DateTimeOffset(2026, 11, 23, 12, 20, 0, TimeSpan.Zero);
        var late = _sla.Standing(ticket);
        _clock.Now = new DateTimeOffset(2026, 11, 23, 13, 0, 0, TimeSpan.Zero);
        var breached = _sla.Standing(ticket);

        Assert.Equal(("ok", "firstResponse", 0.75), (early.State, early.Clock, early.LeftFraction));
        Assert.Equal("warning", late.State);
        Assert.Equal("breached", breached.State);
        Assert.Equal(new DateTimeOffset(2026, 11, 23, 13, 0, 0, TimeSpan.Zero), breached.Due);
    }

    [Fact]
    public void The_clock_stops_while_the_operator_is_closed()
    {
        // Friday 17:00 in Paris: one business hour on Friday, three on Monday morning.
        _clock.Now = new DateTimeOffset(2026, 11, 27, 16, 0, 0, TimeSpan.Zero);
        var ticket = Urgent();

        // Monday 9:30: 2.5 of the 4 working hours are left, though most of the wall-clock time has passed.
        _clock.Now = new DateTimeOffset(2026, 11, 30, 8, 30, 0, TimeSpan.Zero);
        var standing = _sla.Standing(ticket);

        Assert.Equal("ok", standing.State);
        Assert.Equal(0.625, standing.LeftFraction, 3);
    }

    [Fact]
    public void The_first_public_reply_meets_the_first_response_and_the_resolution_clock_runs()
    {
        var ticket = Urgent();
        _clock.Now = new DateTimeOffset(2026, 11, 23, 11, 0, 0, TimeSpan.Zero);
        var noted = _ticketing.Tickets.AddComment(ticket.Reference, new NewComment("Interne.", Internal: true), TestTicketing.Agent);
        Assert.Null(_sla.Standing(noted).FirstResponseMet);

        var answered = _ticketing.Tickets.AddComment(ticket.Reference, new NewComment("Nous regardons.", Internal: false), TestTicketing.Agent);
        var standing = _sla.Standing(answered);

        Assert.True(standing.FirstResponseMet);
        Assert.Equal("resolution", standing.Clock);
        Assert.Equal(answered.Sla.ResolutionDue, standing.Due);
        var resolved = _ticketing.Tickets.Update(ticket.Reference, new TicketPatch(Status: TicketStatuses.Resolved), TestTicketing.Agent);
        Assert.Equal("none", _sla.Standing(resolved).State);
    }
}
