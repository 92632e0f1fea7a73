namespace Assistant.Ticketing.Notices;

/// <summary>
/// What an operator's team tells every customer: a planned maintenance (a window) or an ongoing incident (since when,
/// what users see, the updates). A notice is current until it is ended or its window has passed.
/// </summary>
public sealed class ServiceNotice
{
    public string Id { get; set; } = "";
    public string OperatorId { get; set; } = "";
    /// <summary><see cref="NoticeKinds.Maintenance"/> or <see cref="NoticeKinds.Incident"/>.</summary>
    public string Kind { get; set; } = NoticeKinds.Incident;
    /// <summary>Taxonomy product values affected.</summary>
    public List<string> Products { get; set; } = [];
    /// <summary>The maintenance message or the incident's symptoms, in French.</summary>
    public string MessageFr { get; set; } = "";
    /// <summary>The same in English; the French text is shown when there is none.</summary>
    public string? MessageEn { get; set; }
    /// <summary>Start of the maintenance window, or when the incident started.</summary>
    public DateTimeOffset StartsAt { get; set; }
    /// <summary>End of the maintenance window (when the service is back); null for an incident.</summary>
    public DateTimeOffset? EndsAt { get; set; }
    public List<NoticeUpdate> Updates { get; set; } = [];
    /// <summary>The incident's own ticket, to which the reports are linked; null for a maintenance.</summary>
    public string? TicketReference { get; set; }
    /// <summary>Set when the team ends the notice (incident resolved, maintenance over early).</summary>
    public DateTimeOffset? EndedAt { get; set; }
    public string? Resolution { get; set; }
    public string CreatedBy { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Shown now: started, not ended, window not passed.</summary>
    public bool IsActive(DateTimeOffset now) => EndedAt is null && StartsAt <= now && (EndsAt is null || now < EndsAt);

    /// <summary>Still to show (active or announced ahead): not ended and its window not passed.</summary>
    public bool IsCurrent(DateTimeOffset now) => EndedAt is null && (EndsAt is null || now < EndsAt);

    public bool Covers(string? product) => product is not null && Products.Contains(product, StringComparer.Ordinal);

    public string Message(bool english) => english && !string.IsNullOrWhiteSpace(MessageEn) ? MessageEn : MessageFr;
}

public sealed class NoticeUpdate
{
    public DateTimeOffset At { get; set; }
    public string TextFr { get; set; } = "";
    public string? TextEn { get; set; }
    public string? Author { get; set; }

    public string Text(bool english) => english && !string.IsNullOrWhiteSpace(TextEn) ? TextEn : TextFr;
}

public static class NoticeKinds
{
    public const string Maintenance = "maintenance";
    public const string Incident = "incident";

    public static bool IsKind(string? value) => value is Maintenance or Incident;
}
