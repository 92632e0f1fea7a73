using System.Text.Json;
using System.Text.Json.Nodes;

namespace Assistant.Bot.Handoff;

/// <summary>One handoff as the API and the console feed show it.</summary>
public sealed record HandoffResponse(
    string ConversationId,
    string OperatorId,
    string State,
    string Reason,
    string Language,
    string? TicketReference,
    string Priority,
    string? Category,
    string? Product,
    string ContractTier,
    DateTimeOffset SlaDue,
    DateTimeOffset RequestedAt,
    DateTimeOffset? AcceptedAt,
    DateTimeOffset? CompletedAt,
    HandoffAgent? Agent,
    IReadOnlyList<FlagResponse> Flags)
{
    public static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    public static HandoffResponse From(HandoffRecord record) => new(
        record.Id,
        record.OperatorId,
        record.State,
        record.Reason,
        record.Language,
        record.TicketReference,
        record.Priority,
        record.Category,
        record.Product,
        record.ContractTier,
        Utc(record.SlaDue),
        Utc(record.RequestedAt),
        record.AcceptedAt is { } accepted ? Utc(accepted) : null,
        record.CompletedAt is { } completed ? Utc(completed) : null,
        record.AgentId is null ? null : new HandoffAgent(record.AgentId, record.AgentName ?? ""),
        [.. record.Flags.Select(f => new FlagResponse(f.ActivityId, f.Label, f.Action, f.Score, Utc(f.At)))]);

    /// <summary>LiteDB gives dates back in local time; the API speaks UTC.</summary>
    public static DateTimeOffset Utc(DateTime value) => new(value.ToUniversalTime(), TimeSpan.Zero);
}

public sealed record HandoffAgent(string Id, string Name);

public sealed record FlagResponse(string ActivityId, string Label, string Action, float Score, DateTimeOffset At);

/// <summary>A conversation for the console: its handoff (null when the bot has always had it) and its transcript.</summary>
public sealed record ConversationView(string ConversationId, string OperatorId, HandoffResponse? Handoff, JsonArray Activities);

public sealed record AgentMessageRequest(string? Text);

public sealed record CompleteRequest(bool? Resolved);

public sealed record StreamTokenResponse(string Token, int ExpiresIn);
