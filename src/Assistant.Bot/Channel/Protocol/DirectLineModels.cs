using System.Text.Json.Serialization;
using Assistant.Bot.Channel.Activities;

namespace Assistant.Bot.Channel.Protocol;

/// <summary>The Direct Line <c>Conversation</c> object returned by token and conversation calls.</summary>
public sealed record ConversationResponse(
    string ConversationId,
    string Token,
    [property: JsonPropertyName("expires_in")] int ExpiresIn,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? StreamUrl = null);

/// <summary><c>TokenParameters</c>, plus the <c>locale</c> DirectLineJS sends.</summary>
public sealed record TokenParameters(ChannelAccount? User, string? Locale, List<string>? TrustedOrigins);

public sealed record ResourceResponse(string Id);

public sealed record ErrorResponse(ErrorBody Error);

public sealed record ErrorBody(string Code, string Message);

/// <summary>Stable error codes of the Direct Line ErrorResponse.</summary>
public static class ErrorCodes
{
    public const string BadArgument = "BadArgument";
    public const string BadSyntax = "BadSyntax";
    public const string MissingProperty = "MissingProperty";
    public const string MessageSizeTooBig = "MessageSizeTooBig";
    public const string TokenExpired = "TokenExpired";
    public const string Unauthorized = "Unauthorized";
    public const string Forbidden = "Forbidden";
    public const string NotFound = "NotFound";
    public const string ServiceError = "ServiceError";
}
