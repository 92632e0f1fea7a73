using Assistant.Ticketing.Inbox;
using Assistant.Ticketing.Tests.Support;
using Assistant.Ticketing.Tickets;

namespace Assistant.Ticketing.Tests.Inbox;

public sealed class TicketUnreadTests : IDisposable
{
    private readonly ManualClock _clock = new(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));
    private readonly TempDirectory _directory = new();
    private readonly TestTicketing _ticketing;

    public TicketUnreadTests() => _ticketing = new TestTicketing(_directory.DatabasePath, _clock);

    public void Dispose()
    {
        _ticketing.Dispose();
        _directory.Dispose();
    }

    [Fact]
    public void A_message_from_the_requester_is_unread_until_the_team_answers_or_acts()
    {
        var ticket = _ticketing.Tickets.Create(TestTicketing.SampleTicket(), TestTicketing.Requester);
        Assert.False(TicketUnread.HasUnread(ticket));

        _clock.Advance(TimeSpan.FromMinutes(5));
        var written = _ticketing.Tickets.AddComment(ticket.Reference, new NewComment("Toujours coupé ce soir.", Internal: false), TestTicketing.Requester);
        Assert.True(TicketUnread.HasUnread(written));

        _clock.Advance(TimeSpan.FromMinutes(5));
        var noted = _ticketing.Tickets.AddComment(ticket.Reference, new NewComment("Vu, j'appelle le client.", Internal: true), TestTicketing.Agent);
        Assert.False(TicketUnread.HasUnread(noted));

        _clock.Advance(TimeSpan.FromMinutes(5));
        var again = _ticketing.Tickets.AddComment(ticket.Reference, new NewComment("Merci !", Internal: false), TestTicketing.Requester);
        Assert.True(TicketUnread.HasUnread(again));
        Assert.False(TicketUnread.HasUnread(_ticketing.Tickets.Update(ticket.Reference, new TicketPatch(Status: TicketStatuses.Open), TestTicketing.Agent)));
    }
}
