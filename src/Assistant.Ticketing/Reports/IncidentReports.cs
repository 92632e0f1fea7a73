using Assistant.Ticketing.Notices;
using Assistant.Ticketing.Storage;

namespace Assistant.Ticketing.Reports;

/// <summary>
/// Figures per incident started in a period: the reports linked to it, how long the team took to post a first update,
/// and how long it lasted. The resolution is stored as the last update at the end; it is not a first update.
/// </summary>
public sealed class IncidentReports(TicketingDatabase database, TimeProvider time)
{
    /// <param name="operatorIds">The operators to count; null: all of them.</param>
    /// <param name="from">First day counted (UTC).</param>
    /// <param name="to">Last day counted, included.</param>
    public IncidentFigures Build(IReadOnlyCollection<string>? operatorIds, DateOnly from, DateOnly to)
    {
        var now = time.GetUtcNow();
        var start = new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc));
        var end = new DateTimeOffset(to.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc));
        // Notices are few (a handful a month): read them all, count the links through the incident index.
        var rows = database.Notices.Find(n => n.Kind == NoticeKinds.Incident)
            .Where(n => n.StartsAt >= start && n.StartsAt < end)
            .Where(n => operatorIds is null || operatorIds.Contains(n.OperatorId, StringComparer.OrdinalIgnoreCase))
            .OrderBy(n => n.StartsAt)
            .Select(n => Row(n, now))
            .ToList();
        return new IncidentFigures(
            rows.Count,
            rows.Count(r => r.EndedAt is not null),
            rows.Sum(r => r.Linked),
            TicketReports.Median(rows.Where(r => r.FirstUpdateMinutes is not null).Select(r => r.FirstUpdateMinutes!.Value)),
            TicketReports.Median(rows.Where(r => r.EndedAt is not null).Select(r => r.DurationMinutes)),
            rows);
    }

    private IncidentRow Row(ServiceNotice notice, DateTimeOffset now)
    {
        var linked = notice.TicketReference is { } reference ? database.Tickets.Count(TicketingDatabase.LinkedTo(reference)) : 0;
        var firstUpdate = notice.Updates
            .Where(u => notice.EndedAt is not { } ended || u.At < ended)
            .Select(u => (DateTimeOffset?)u.At)
            .Min();
        return new IncidentRow(
            notice.Id,
            notice.OperatorId,
            notice.TicketReference,
            notice.Products,
            notice.StartsAt,
            notice.EndedAt,
            linked,
            firstUpdate is { } at ? Minutes(at - notice.StartsAt) : null,
            Minutes((notice.EndedAt ?? now) - notice.StartsAt));
    }

    private static double Minutes(TimeSpan span) => Math.Round(Math.Max(0, span.TotalMinutes), 1);
}

/// <summary>The incidents started in a period: how many, how many are resolved, the reports linked, median times.</summary>
/// <param name="MedianFirstUpdateMinutes">From the start to the first update, over the incidents that had one.</param>
/// <param name="MedianDurationMinutes">From the start to the end, over the resolved incidents.</param>
public sealed record IncidentFigures(
    int Declared,
    int Resolved,
    int Linked,
    double? MedianFirstUpdateMinutes,
    double? MedianDurationMinutes,
    IReadOnlyList<IncidentRow> Incidents);

/// <param name="Reference">The incident's own ticket.</param>
/// <param name="FirstUpdateMinutes">Null while no update was posted before the end.</param>
/// <param name="DurationMinutes">Until the end, or until now while it goes on.</param>
public sealed record IncidentRow(
    string Id,
    string Operator,
    string? Reference,
    IReadOnlyList<string> Products,
    DateTimeOffset StartedAt,
    DateTimeOffset? EndedAt,
    int Linked,
    double? FirstUpdateMinutes,
    double DurationMinutes);
