namespace Assistant.Ticketing.Operators;

/// <summary>One tenant of the deployment: its name, ticket prefix, terms of use and working calendar.</summary>
public sealed class OperatorProfile
{
    /// <summary>Stable lower-case id used in URLs and stored data, e.g. <c>digisense</c>.</summary>
    public string Id { get; set; } = "";
    public string Name { get; set; } = "";
    /// <summary>Ticket reference prefix, e.g. <c>DGS</c> gives <c>DGS-2026-000123</c>.</summary>
    public string ReferencePrefix { get; set; } = "";
    public string CguVersion { get; set; } = "";
    public string CguUrl { get; set; } = "";
    /// <summary>Products this operator supports, from the taxonomy (<c>vroom</c>, <c>ibox</c>, <c>client-space</c>, <c>other</c>).</summary>
    public List<string> Products { get; set; } = [];
    /// <summary>IANA time zone of the business hours.</summary>
    public string TimeZone { get; set; } = "Europe/Paris";
    public List<BusinessDay> BusinessHours { get; set; } = [];
    /// <summary>Public holidays on which the operator is closed: <c>FR</c> (French public holidays) or <c>none</c>.</summary>
    public string Holidays { get; set; } = "FR";
    /// <summary>Extra closed dates (e.g. a company day off), in the operator's time zone.</summary>
    public List<DateOnly> ClosedDates { get; set; } = [];
}

public sealed class BusinessDay
{
    public DayOfWeek Day { get; set; }
    public TimeOnly Opens { get; set; }
    public TimeOnly Closes { get; set; }
}
