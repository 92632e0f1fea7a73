using Assistant.Ticketing.Storage;
using Assistant.Ticketing.Tickets;

namespace Assistant.Ticketing.Reports;

/// <summary>
/// Figures over the tickets of a period, read through the <c>UpdatedAt</c> index: a ticket opened or resolved in the
/// period was updated in it or later, so older ones are never read. Quarantined tickets, and those closed from
/// quarantine, are left out (they are abuse, not requests). Days are UTC days.
/// </summary>
public sealed class TicketReports
{
    /// <summary>The longest period one report may cover.</summary>
    public static readonly TimeSpan MaxPeriod = TimeSpan.FromDays(366);

    private readonly TicketingDatabase _database;
    private readonly TimeProvider _time;

    public TicketReports(TicketingDatabase database, TimeProvider time)
    {
        _database = database;
        _time = time;
        _database.Tickets.EnsureIndex(t => t.UpdatedAt);
    }

    /// <param name="operatorIds">The operators to count; null: all of them.</param>
    /// <param name="from">First day counted.</param>
    /// <param name="to">Last day counted, included.</param>
    public TicketFigures Build(IReadOnlyCollection<string>? operatorIds, DateOnly from, DateOnly to)
    {
        var now = _time.GetUtcNow();
        var (start, end) = Bounds(from, to);
        var opened = new List<(Ticket Ticket, DateTimeOffset? ResolvedAt)>();
        var resolvedPerDay = new Dictionary<DateOnly, int>();
        foreach (var ticket in Candidates(operatorIds, start))
        {
            var resolvedAt = ResolvedAt(ticket);
            if (resolvedAt is { } done && done >= start && done < end)
            {
                var day = DateOnly.FromDateTime(done.UtcDateTime);
                resolvedPerDay[day] = resolvedPerDay.GetValueOrDefault(day) + 1;
            }

            if (ticket.CreatedAt >= start && ticket.CreatedAt < end)
            {
                opened.Add((ticket, resolvedAt));
            }
        }

        var openedPerDay = opened.GroupBy(o => DateOnly.FromDateTime(o.Ticket.CreatedAt.UtcDateTime)).ToDictionary(g => g.Key, g => g.Count());
        var days = new List<DayCount>();
        for (var day = from; day <= to; day = day.AddDays(1))
        {
            days.Add(new DayCount(day, openedPerDay.GetValueOrDefault(day), resolvedPerDay.GetValueOrDefault(day)));
        }

        return new TicketFigures(
            days,
            CountBy(opened, t => t.Category),
            CountBy(opened, t => t.Priority),
            CountBy(opened, t => t.Product),
            CountBy(opened, t => t.OperatorId),
            Sla(opened, now),
            opened.Count,
            resolvedPerDay.Values.Sum());
    }

    /// <summary>The tickets opened in the period, oldest first, as the CSV export lists them.</summary>
    public IEnumerable<TicketReportRow> Rows(IReadOnlyCollection<string>? operatorIds, DateOnly from, DateOnly to)
    {
        var now = _time.GetUtcNow();
        var (start, end) = Bounds(from, to);
        return Candidates(operatorIds, start)
            .Where(t => t.CreatedAt >= start && t.CreatedAt < end)
            .OrderBy(t => t.CreatedAt)
            .Select(t =>
            {
                var resolvedAt = ResolvedAt(t);
                return new TicketReportRow(
                    t.Reference, t.OperatorId, t.CreatedAt, t.Status, t.Priority, t.Category, t.Product,
                    t.Sla.FirstResponseDue, t.Sla.FirstResponseAt, t.Sla.ResolutionDue, resolvedAt,
                    Met(t.Sla.FirstResponseAt, t.Sla.FirstResponseDue, now), Met(resolvedAt, t.Sla.ResolutionDue, now));
            })
            .ToList();
    }

    /// <summary>When the ticket was last resolved (or closed), or null while it is not done.</summary>
    public static DateTimeOffset? ResolvedAt(Ticket ticket)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        if (!IsDone(ticket.Status))
        {
            return null;
        }

        // The first move to a done status after the last time it was (re)opened: closing a resolved ticket keeps its date.
        DateTimeOffset? resolvedAt = null;
        foreach (var entry in ticket.History.Where(h => h.Field == "status").OrderBy(h => h.At))
        {
            if (!IsDone(entry.To))
            {
                resolvedAt = null;
            }
            else
            {
                resolvedAt ??= entry.At;
            }
        }

        return resolvedAt ?? ticket.UpdatedAt;
    }

    private static bool IsDone(string? status) => status is TicketStatuses.Resolved or TicketStatuses.Closed;

    private static (DateTimeOffset Start, DateTimeOffset End) Bounds(DateOnly from, DateOnly to)
    {
        if (to < from)
        {
            throw new InvalidTicketValueException("to", to.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), "must not be before from");
        }

        var start = new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var end = new DateTimeOffset(to.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        if (end - start > MaxPeriod)
        {
            throw new InvalidTicketValueException("to", to.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), $"a report covers at most {MaxPeriod.TotalDays:0} days");
        }

        return (start, end);
    }

    private IEnumerable<Ticket> Candidates(IReadOnlyCollection<string>? operatorIds, DateTimeOffset start) =>
        _database.Tickets.Find(t => t.UpdatedAt >= start)
            .Where(t => !SetAside(t))
            .Where(t => operatorIds is null || operatorIds.Contains(t.OperatorId, StringComparer.OrdinalIgnoreCase));

    /// <summary>In quarantine, or closed from it: moderation's business, not a request the team worked.</summary>
    private static bool SetAside(Ticket ticket) =>
        ticket.Status == TicketStatuses.Quarantined
        || (ticket.Status == TicketStatuses.Closed
            && ticket.History.Where(h => h.Field == "status").MaxBy(h => h.At) is { From: TicketStatuses.Quarantined });

    private static List<ValueCount> CountBy(List<(Ticket Ticket, DateTimeOffset? ResolvedAt)> opened, Func<Ticket, string> value) =>
        [.. opened.GroupBy(o => value(o.Ticket), StringComparer.Ordinal)
            .Select(g => new ValueCount(g.Key, g.Count(), g.Count(o => o.ResolvedAt is not null)))
            .OrderByDescending(c => c.Opened)
            .ThenBy(c => c.Value, StringComparer.Ordinal)];

    private static SlaFigures Sla(List<(Ticket Ticket, DateTimeOffset? ResolvedAt)> opened, DateTimeOffset now)
    {
        var first = opened.Select(o => Met(o.Ticket.Sla.FirstResponseAt, o.Ticket.Sla.FirstResponseDue, now)).ToList();
        var resolution = opened.Select(o => Met(o.ResolvedAt, o.Ticket.Sla.ResolutionDue, now)).ToList();
        var firstMinutes = opened.Where(o => o.Ticket.Sla.FirstResponseAt is not null)
            .Select(o => (o.Ticket.Sla.FirstResponseAt!.Value - o.Ticket.CreatedAt).TotalMinutes);
        var resolutionHours = opened.Where(o => o.ResolvedAt is not null)
            .Select(o => (o.ResolvedAt!.Value - o.Ticket.CreatedAt).TotalHours);
        return new SlaFigures(
            first.Count(m => m == true), first.Count(m => m == false),
            resolution.Count(m => m == true), resolution.Count(m => m == false),
            Median(firstMinutes), Median(resolutionHours));
    }

    /// <summary>True: done in time; false: done late, or not done and past due; null: not done and still running.</summary>
    private static bool? Met(DateTimeOffset? doneAt, DateTimeOffset due, DateTimeOffset now) =>
        doneAt is { } done ? done <= due : now > due ? false : null;

    /// <summary>The middle value (the mean of the two middle ones for an even count), rounded to 0.1; null when empty.</summary>
    public static double? Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        if (sorted.Count == 0)
        {
            return null;
        }

        var middle = sorted.Count / 2;
        var median = sorted.Count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
        return Math.Round(median, 1);
    }
}
