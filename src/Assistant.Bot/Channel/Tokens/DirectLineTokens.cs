using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;

namespace Assistant.Bot.Channel.Tokens;

/// <summary>
/// HS256 JWTs. Conversation tokens carry <c>user</c> (WebChat reads it to set the user id), <c>conv</c>,
/// <c>op</c> and <c>exp</c>. Stream tokens are short-lived and single-use; attachment links carry an HMAC.
/// </summary>
public sealed class DirectLineTokens(SigningKey key, IOptions<DirectLineOptions> options, TimeProvider time)
{
    private const string Issuer = "support-assistant/directline";
    private const string ConversationKind = "conversation";
    private const string StreamKind = "stream";

    private static readonly string Header = Base64Url(Encoding.UTF8.GetBytes("""{"alg":"HS256","typ":"JWT"}"""));

    private readonly ConcurrentDictionary<string, DateTimeOffset> _redeemedStreamTokens = new();

    public int LifetimeSeconds => (int)options.Value.TokenLifetime.TotalSeconds;

    public int SecondsLeft(TokenClaims claims) => Math.Max(0, (int)(claims.ExpiresAt - time.GetUtcNow()).TotalSeconds);

    public string IssueConversationToken(string conversationId, string userId, string operatorId)
    {
        var now = time.GetUtcNow();
        return Sign(new JsonObject
        {
            ["iss"] = Issuer,
            ["kind"] = ConversationKind,
            ["user"] = userId,
            ["conv"] = conversationId,
            ["op"] = operatorId,
            ["iat"] = now.ToUnixTimeSeconds(),
            ["nbf"] = now.ToUnixTimeSeconds(),
            ["exp"] = (now + options.Value.TokenLifetime).ToUnixTimeSeconds(),
            ["jti"] = NewId(),
        });
    }

    public TokenValidation ValidateConversationToken(string token)
    {
        var payload = Read(token);
        if (payload is null || (string?)payload["kind"] != ConversationKind)
        {
            return TokenValidation.Invalid;
        }

        var user = (string?)payload["user"];
        var conversation = (string?)payload["conv"];
        var operatorId = (string?)payload["op"];
        var expires = (long?)payload["exp"];
        if (user is null || conversation is null || operatorId is null || expires is null)
        {
            return TokenValidation.Invalid;
        }

        var claims = new TokenClaims(user, conversation, operatorId, DateTimeOffset.FromUnixTimeSeconds(expires.Value));
        var status = time.GetUtcNow() >= claims.ExpiresAt ? TokenStatus.Expired : TokenStatus.Valid;
        return new TokenValidation(status, claims);
    }

    public string IssueStreamToken(string conversationId)
    {
        var now = time.GetUtcNow();
        return Sign(new JsonObject
        {
            ["iss"] = Issuer,
            ["kind"] = StreamKind,
            ["conv"] = conversationId,
            ["exp"] = (now + options.Value.StreamUrlLifetime).ToUnixTimeSeconds(),
            ["jti"] = NewId(),
        });
    }

    /// <summary>True once per valid stream token of that conversation; a replayed or stale URL is refused.</summary>
    public bool TryRedeemStreamToken(string token, string conversationId)
    {
        var payload = Read(token);
        if (payload is null || (string?)payload["kind"] != StreamKind || (string?)payload["conv"] != conversationId)
        {
            return false;
        }

        var now = time.GetUtcNow();
        var expires = DateTimeOffset.FromUnixTimeSeconds((long?)payload["exp"] ?? 0);
        var id = (string?)payload["jti"];
        if (id is null || now >= expires)
        {
            return false;
        }

        foreach (var stale in _redeemedStreamTokens.Where(entry => entry.Value < now))
        {
            _redeemedStreamTokens.TryRemove(stale.Key, out _);
        }

        return _redeemedStreamTokens.TryAdd(id, expires);
    }

    public string SignAttachment(string attachmentId) => Base64Url(Hmac("attachment:" + attachmentId));

    public bool VerifyAttachment(string attachmentId, string? signature) =>
        signature is not null
        && CryptographicOperations.FixedTimeEquals(
            Encoding.ASCII.GetBytes(SignAttachment(attachmentId)),
            Encoding.ASCII.GetBytes(signature));

    private string Sign(JsonObject payload)
    {
        var body = Base64Url(JsonSerializer.SerializeToUtf8Bytes(payload));
        var signed = Header + "." + body;
        return signed + "." + Base64Url(Hmac(signed));
    }

    private JsonObject? Read(string token)
    {
        var parts = token.Split('.');
        if (parts.Length != 3 || parts[0] != Header)
        {
            return null;
        }

        var expected = Encoding.ASCII.GetBytes(Base64Url(Hmac(parts[0] + "." + parts[1])));
        if (!CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(parts[2])))
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(FromBase64Url(parts[1])) as JsonObject;
        }
        catch (Exception ex) when (ex is JsonException or FormatException or InvalidOperationException)
        {
            return null;
        }
    }

    private byte[] Hmac(string data) => HMACSHA256.HashData(key.Bytes, Encoding.UTF8.GetBytes(data));

    private static string NewId() => Base64Url(RandomNumberGenerator.GetBytes(16));

    public static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static byte[] FromBase64Url(string text)
    {
        var padded = text.Replace('-', '+').Replace('_', '/');
        padded += new string('=', (4 - (padded.Length % 4)) % 4);
        return Convert.FromBase64String(padded);
    }
}
