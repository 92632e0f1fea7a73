using System.Security.Cryptography;
using System.Text;
using Assistant.Bot.Channel.Protocol;
using Assistant.Bot.Channel.Tokens;
using Microsoft.Extensions.Options;

namespace Assistant.Bot.Channel;

/// <summary>Who is calling: the secret holder (any conversation) or a token's user (one conversation).</summary>
public sealed record DirectLineCaller(bool IsSecret, TokenClaims? Token)
{
    public static readonly DirectLineCaller Secret = new(true, null);

    /// <summary>The caller from the Bearer header, or the Direct Line error to return (401 bad or missing, 403 expired).</summary>
    public static (DirectLineCaller? Caller, IResult? Error) FromRequest(
        HttpRequest request, DirectLineTokens tokens, IOptions<DirectLineOptions> options)
    {
        var bearer = ReadBearer(request);
        if (bearer is null)
        {
            return (null, DirectLineErrors.MissingAuthorization());
        }

        if (MatchesSecret(bearer, options.Value.Secret))
        {
            return (Secret, null);
        }

        var validation = tokens.ValidateConversationToken(bearer);
        return validation.Status switch
        {
            TokenStatus.Valid => (new DirectLineCaller(false, validation.Claims), null),
            TokenStatus.Expired => (null, DirectLineErrors.TokenExpired()),
            _ => (null, DirectLineErrors.MissingAuthorization()),
        };
    }

    /// <summary>403 when a token is used on a conversation it was not issued for.</summary>
    public bool MayUse(string conversationId) => IsSecret || Token!.ConversationId == conversationId;

    public static bool MatchesSecret(string? presented, string? secret) =>
        !string.IsNullOrEmpty(presented)
        && !string.IsNullOrEmpty(secret)
        && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), Encoding.UTF8.GetBytes(secret));

    public static string? ReadBearer(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        const string prefix = "Bearer ";
        return header.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) && header.Length > prefix.Length
            ? header[prefix.Length..].Trim()
            : null;
    }
}
