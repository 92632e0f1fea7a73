using System.Text.Json.Serialization;
using Assistant.Ticketing.Notices;

namespace Assistant.Bot.Incidents;

/// <param name="Kind"><c>maintenance</c> (window: startsAt and endsAt required) or <c>incident</c> (startsAt: when it started, default now).</param>
/// <param name="MessageFr">The maintenance message, or what users of the incident see (symptoms), in French.</param>
public sealed record NoticeRequest(string? Operator, string? Kind, List<string>? Products, string? MessageFr, string? MessageEn, DateTimeOffset? StartsAt, DateTimeOffset? EndsAt);

/// <summary>An update, or the resolution when ending (optional for a maintenance).</summary>
public sealed record NoticeTextRequest(string? TextFr, string? TextEn);

public sealed record LocalizedText(string Fr, string? En);

public sealed record NoticeUpdateResponse(DateTimeOffset At, LocalizedText Text);

/// <summary>A notice as the public status shows it: no staff names, no ticket references.</summary>
public sealed record PublicNoticeResponse(
    string Id,
    string Operator,
    string Kind,
    IReadOnlyList<string> Products,
    LocalizedText Message,
    DateTimeOffset StartsAt,
    DateTimeOffset? EndsAt,
    bool Active,
    IReadOnlyList<NoticeUpdateResponse> Updates)
{
    public static PublicNoticeResponse From(ServiceNotice notice, DateTimeOffset now) => new(
        notice.Id, notice.OperatorId, notice.Kind, notice.Products, new LocalizedText(notice.MessageFr, notice.MessageEn),
        notice.StartsAt, notice.EndsAt, notice.IsActive(now),
        [.. notice.Updates.Select(u => new NoticeUpdateResponse(u.At, new LocalizedText(u.TextFr, u.TextEn)))]);
}

public sealed record StatusResponse(DateTimeOffset At, IReadOnlyList<PublicNoticeResponse> Notices);

/// <summary>A notice as the agent and admin consoles see it, with its incident ticket and linked reports.</summary>
public sealed record NoticeResponse(
    string Id,
    string Operator,
    string Kind,
    IReadOnlyList<string> Products,
    LocalizedText Message,
    DateTimeOffset StartsAt,
    DateTimeOffset? EndsAt,
    bool Active,
    DateTimeOffset? EndedAt,
    string CreatedBy,
    DateTimeOffset CreatedAt,
    IReadOnlyList<NoticeUpdateResponse> Updates,
    string? IncidentReference,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string>? LinkedTickets = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? Told = null)
{
    public static NoticeResponse From(ServiceNotice notice, DateTimeOffset now, IReadOnlyList<string>? linked = null, int? told = null) => new(
        notice.Id, notice.OperatorId, notice.Kind, notice.Products, new LocalizedText(notice.MessageFr, notice.MessageEn),
        notice.StartsAt, notice.EndsAt, notice.IsActive(now), notice.EndedAt, notice.CreatedBy, notice.CreatedAt,
        [.. notice.Updates.Select(u => new NoticeUpdateResponse(u.At, new LocalizedText(u.TextFr, u.TextEn)))],
        notice.TicketReference, linked, told);
}
