using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Assistant.Bot.Channel.Tokens;
using Microsoft.Extensions.Options;

namespace Assistant.Bot.Mail;

/// <summary>What a mail link grants: reopening one conversation of one user, or unsubscribing one address from one operator.</summary>
public sealed record MailLinkClaims(string Kind, string OperatorId, string UserId, string ConversationId, string? AddressKey, DateTimeOffset ExpiresAt);

/// <summary>
/// The signed links in the mails, with the channel's signing key (a key derived from it, so a mail link is never a
/// Direct Line token and the reverse). A resume link names one conversation and expires after
/// <see cref="MailOptions.LinkLifetime"/>; an unsubscribe link stays valid a year (a customer may click it late).
/// </summary>
public sealed class MailLinks(SigningKey signingKey, IOptions<MailOptions> options, TimeProvider time)
{
    public const string Resume = "resume";
    public const string Unsubscribe = "unsubscribe";
    private static readonly TimeSpan UnsubscribeLifetime = TimeSpan.FromDays(365);

    private readonly byte[] _key = HMACSHA256.HashData(signingKey.Bytes, Encoding.UTF8.GetBytes("support-assistant/mail-links/v1"));

    /// <summary>The chat page of the operator, reopening the conversation (the token is in the fragment: it never reaches a log).</summary>
    public string ResumeUrl(string operatorId, string userId, string conversationId) =>
        $"{Base()}/{operatorId}#resume={Sign(new(Resume, operatorId, userId, conversationId, null, time.GetUtcNow() + options.Value.LinkLifetime))}";

    public string UnsubscribeUrl(string operatorId, string userId, string addressKey) =>
        $"{Base()}/mail/unsubscribe?t={Sign(new(Unsubscribe, operatorId, userId, "", addressKey, time.GetUtcNow() + UnsubscribeLifetime))}";

    /// <summary>The claims of a valid, unexpired link of that kind; null otherwise.</summary>
    public MailLinkClaims? Read(string? token, string kind)
    {
        var parts = (token ?? "").Split('.');
        if (parts.Length != 2 || parts[0].Length > 2000)
        {
            return null;
        }

        var expected = Encoding.ASCII.GetBytes(DirectLineTokens.Base64Url(HMACSHA256.HashData(_key, Encoding.ASCII.GetBytes(parts[0]))));
        if (!CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(parts[1])))
        {
            return null;
        }

        try
        {
            var claims = JsonSerializer.Deserialize<MailLinkClaims>(FromBase64Url(parts[0]));
            return claims is not null && claims.Kind == kind && time.GetUtcNow() < claims.ExpiresAt ? claims : null;
        }
        catch (Exception ex) when (ex is JsonException or FormatException)
        {
            return null;
        }
    }

    private string Sign(MailLinkClaims claims)
    {
        var body = DirectLineTokens.Base64Url(JsonSerializer.SerializeToUtf8Bytes(claims));
        return body + "." + DirectLineTokens.Base64Url(HMACSHA256.HashData(_key, Encoding.ASCII.GetBytes(body)));
    }

    private string Base() => (options.Value.PublicUrl ?? "").TrimEnd('/');

    private static byte[] FromBase64Url(string text)
    {
        var padded = text.Replace('-', '+').Replace('_', '/');
        padded += new string('=', (4 - (padded.Length % 4)) % 4);
        return Convert.FromBase64String(padded);
    }
}
