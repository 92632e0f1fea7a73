namespace Assistant.Bot.Channel.Tokens;

/// <summary>What a conversation token grants: one user in one conversation of one operator, until it expires.</summary>
public sealed record TokenClaims(string UserId, string ConversationId, string OperatorId, DateTimeOffset ExpiresAt);

public enum TokenStatus
{
    Valid,
    Expired,
    Invalid,
}

public sealed record TokenValidation(TokenStatus Status, TokenClaims? Claims)
{
    public static readonly TokenValidation Invalid = new(TokenStatus.Invalid, null);
}
