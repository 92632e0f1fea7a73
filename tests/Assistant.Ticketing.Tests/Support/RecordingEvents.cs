using System.Collections.Concurrent;
using Assistant.Ticketing.Tickets;

namespace Assistant.Ticketing.Tests.Support;

public sealed class RecordingEvents : ITicketEvents
{
    public ConcurrentQueue<TicketChanged> Changes { get; } = new();

    public void OnChanged(TicketChanged change) => Changes.Enqueue(change);
}
