namespace Assistant.Ticketing.Operators;

/// <summary>
/// One tenant of the deployment: its name, ticket prefix, terms of use and working calendar. Immutable once
/// built: a settings change replaces the whole profile in the catalogue, so a reader never sees half an edit.
/// </summary>
public sealed record OperatorProfile
{
    /// <summary>Stable lower-case id used in URLs and stored data, e.g. <c>digisense</c>.</summary>
    public string Id { get; init; } = "";
    public string Name { get; init; } = "";
    /// <summary>Ticket reference prefix, e.g. <c>DGS</c> gives <c>DGS-2026-000123</c>.</summary>
    public string ReferencePrefix { get; init; } = "";
    public string CguVersion { get; init; } = "";
    public string CguUrl { get; init; } = "";
    /// <summary>The clause of the operator's CGU that every sanction of its users cites (abusive content), e.g. <c>Digisense 3</c>.</summary>
    public string SanctionClause { get; init; } = "";
    /// <summary>Products this operator supports, from the taxonomy (<c>vroom</c>, <c>ibox</c>, <c>client-space</c>, <c>other</c>).</summary>
    public IReadOnlyList<string> Products { get; init; } = [];
    /// <summary>IANA time zone of the business hours.</summary>
    public string TimeZone { get; init; } = "Europe/Paris";
    public IReadOnlyList<BusinessDay> BusinessHours { get; init; } = [];
    /// <summary>Public holidays on which the operator is closed: <c>FR</c> (French public holidays) or <c>none</c>.</summary>
    public string Holidays { get; init; } = "FR";
    /// <summary>Extra closed dates (e.g. a company day off), in the operator's time zone.</summary>
    public IReadOnlyList<DateOnly> ClosedDates { get; init; } = [];
}

public sealed record BusinessDay
{
    public DayOfWeek Day { get; init; }
    public TimeOnly Opens { get; init; }
    public TimeOnly Closes { get; init; }
}
