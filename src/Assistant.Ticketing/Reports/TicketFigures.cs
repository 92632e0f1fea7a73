namespace Assistant.Ticketing.Reports;

/// <summary>What the reports say about the tickets of a period: per day, per field value, and the SLA.</summary>
public sealed record TicketFigures(
    IReadOnlyList<DayCount> Days,
    IReadOnlyList<ValueCount> ByCategory,
    IReadOnlyList<ValueCount> ByPriority,
    IReadOnlyList<ValueCount> ByProduct,
    IReadOnlyList<ValueCount> ByOperator,
    SlaFigures Sla,
    int Opened,
    int Resolved);

/// <summary>Tickets opened on a day (UTC) and tickets resolved on it, whenever they were opened.</summary>
public sealed record DayCount(DateOnly Date, int Opened, int Resolved);

/// <summary>Tickets opened in the period with this value, and how many of them are resolved now.</summary>
public sealed record ValueCount(string Value, int Opened, int Resolved);

/// <summary>
/// Deadlines of the tickets opened in the period. A deadline is met or missed once it is decided: answered (or
/// resolved) in time, late, or passed without it; one still running counts in neither.
/// </summary>
public sealed record SlaFigures(
    int FirstResponseMet,
    int FirstResponseMissed,
    int ResolutionMet,
    int ResolutionMissed,
    double? MedianFirstResponseMinutes,
    double? MedianResolutionHours)
{
    public double? FirstResponseAttainment => Share(FirstResponseMet, FirstResponseMissed);

    public double? ResolutionAttainment => Share(ResolutionMet, ResolutionMissed);

    private static double? Share(int met, int missed) => met + missed == 0 ? null : Math.Round((double)met / (met + missed), 3);
}

/// <summary>One ticket as the CSV export lists it: dates and taxonomy values, never the requester or the text.</summary>
public sealed record TicketReportRow(
    string Reference,
    string OperatorId,
    DateTimeOffset OpenedAt,
    string Status,
    string Priority,
    string Category,
    string Product,
    DateTimeOffset FirstResponseDue,
    DateTimeOffset? FirstResponseAt,
    DateTimeOffset ResolutionDue,
    DateTimeOffset? ResolvedAt,
    bool? FirstResponseMet,
    bool? ResolutionMet);
