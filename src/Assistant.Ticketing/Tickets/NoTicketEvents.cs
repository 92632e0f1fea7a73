namespace Assistant.Ticketing.Tickets;

/// <summary>The default when no host listens: changes are stored and nobody is told.</summary>
public sealed class NoTicketEvents : ITicketEvents
{
    public void OnChanged(TicketChanged change)
    {
    }
}
