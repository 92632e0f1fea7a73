using System.Runtime.CompilerServices;
using Assistant.Ticketing.Operators;
using Assistant.Ticketing.Tickets;

namespace Assistant.Ticketing.Inbox;

/// <summary>Where a ticket stands against its SLA right now: which due time runs, how much working time is left.</summary>
/// <param name="State"><c>ok</c>, <c>warning</c> (less than 20 % of the working time left), <c>breached</c>, or <c>none</c> (resolved, closed, quarantined).</param>
/// <param name="Clock"><c>firstResponse</c> until an agent answers publicly, then <c>resolution</c>.</param>
/// <param name="FirstResponseMet">Null until the first public reply; then whether it came before its due time.</param>
public sealed record SlaStanding(string State, string Clock, DateTimeOffset Due, double LeftFraction, bool? FirstResponseMet);

public sealed class SlaClock(IOperatorCatalog operators, TimeProvider time)
{
    public const double WarningFraction = 0.2;

    private readonly ConditionalWeakTable<OperatorProfile, BusinessCalendar> _calendars = new();

    public SlaStanding Standing(Ticket ticket)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        var sla = ticket.Sla;
        var firstResponseMet = sla.FirstResponseAt is { } answered ? answered <= sla.FirstResponseDue : (bool?)null;
        var responded = sla.FirstResponseAt is not null;
        var clock = responded ? "resolution" : "firstResponse";
        var due = responded ? sla.ResolutionDue : sla.FirstResponseDue;
        if (ticket.Status is TicketStatuses.Resolved or TicketStatuses.Closed or TicketStatuses.Quarantined)
        {
            return new SlaStanding("none", clock, due, 0, firstResponseMet);
        }

        var now = time.GetUtcNow();
        if (now >= due)
        {
            return new SlaStanding("breached", clock, due, 0, firstResponseMet);
        }

        var fraction = LeftFraction(ticket, now, due);
        return new SlaStanding(fraction < WarningFraction ? "warning" : "ok", clock, due, fraction, firstResponseMet);
    }

    /// <summary>Working time left over the working time from filing to due: the clock stops when the operator is closed.</summary>
    private double LeftFraction(Ticket ticket, DateTimeOffset now, DateTimeOffset due)
    {
        var profile = operators.Find(ticket.OperatorId);
        if (profile is null)
        {
            return Wall(ticket.CreatedAt, now, due);
        }

        var calendar = _calendars.GetValue(profile, static p => new BusinessCalendar(p));
        var zone = TimeZoneInfo.FindSystemTimeZoneById(profile.TimeZone);
        var total = WorkingTime(calendar, zone, ticket.CreatedAt, due);
        return total <= TimeSpan.Zero ? Wall(ticket.CreatedAt, now, due) : Math.Clamp(WorkingTime(calendar, zone, now, due) / total, 0, 1);
    }

    private static double Wall(DateTimeOffset start, DateTimeOffset now, DateTimeOffset due) =>
        due <= start ? 0 : Math.Clamp((due - now) / (due - start), 0, 1);

    private static TimeSpan WorkingTime(BusinessCalendar calendar, TimeZoneInfo zone, DateTimeOffset fromUtc, DateTimeOffset toUtc)
    {
        var from = TimeZoneInfo.ConvertTimeFromUtc(fromUtc.UtcDateTime, zone);
        var to = TimeZoneInfo.ConvertTimeFromUtc(toUtc.UtcDateTime, zone);
        var total = TimeSpan.Zero;
        // Due times are at most a few weeks out; a year bounds the walk whatever the data.
        for (var date = DateOnly.FromDateTime(from); date <= DateOnly.FromDateTime(to) && total < TimeSpan.FromDays(366); date = date.AddDays(1))
        {
            if (calendar.WindowOn(date) is not { } window)
            {
                continue;
            }

            var opens = Max(date.ToDateTime(window.Opens), from);
            var closes = Min(date.ToDateTime(window.Closes), to);
            if (closes > opens)
            {
                total += closes - opens;
            }
        }

        return total;
    }

    private static DateTime Max(DateTime a, DateTime b) => a > b ? a : b;

    private static DateTime Min(DateTime a, DateTime b) => a < b ? a : b;
}
