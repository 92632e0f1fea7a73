using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Assistant.Bot.Hosting;
using Assistant.Ticketing.Staff;
using Microsoft.Extensions.Options;

namespace Assistant.Bot.Auth;

/// <summary>
/// Access tokens for staff: compact JWTs signed with HMAC-SHA256 (RFC 7519), carrying the staff id and an expiry.
/// Role and operators are read from the store on every request, so a change or a disabled account applies at once.
/// </summary>
public sealed class StaffTokens
{
    private static readonly string Header = Base64Url.EncodeToString("""{"alg":"HS256","typ":"JWT"}"""u8);
    private readonly byte[] _key;
    private readonly StaffAuthOptions _options;
    private readonly TimeProvider _time;

    public StaffTokens(IOptions<StaffAuthOptions> options, IOptions<AssistantOptions> assistant, TimeProvider time)
    {
        _options = options.Value;
        _time = time;
        _key = LoadKey(_options.SigningKey, Path.Combine(Path.GetFullPath(assistant.Value.DataDirectory), "auth-signing.key"));
    }

    public TimeSpan Lifetime => _options.TokenLifetime;

    public string Issue(StaffUser user)
    {
        var now = _time.GetUtcNow();
        var claims = new TokenClaims(user.Id, _options.Issuer, now.ToUnixTimeSeconds(), (now + _options.TokenLifetime).ToUnixTimeSeconds());
        var payload = Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(claims));
        var signed = $"{Header}.{payload}";
        return $"{signed}.{Base64Url.EncodeToString(Sign(signed))}";
    }

    /// <summary>The staff id the token was issued to, or null when the token is malformed, forged, foreign or expired.</summary>
    public string? Validate(string token)
    {
        var parts = token.Split('.');
        if (parts.Length != 3 || parts[0] != Header)
        {
            return null;
        }

        TokenClaims? claims;
        try
        {
            // Decoding throws on characters outside the alphabet: a mangled token is refused like a forged one.
            var signature = new byte[HMACSHA256.HashSizeInBytes];
            if (!Base64Url.TryDecodeFromChars(parts[2], signature, out var written) || written != signature.Length
                || !CryptographicOperations.FixedTimeEquals(signature, Sign($"{parts[0]}.{parts[1]}")))
            {
                return null;
            }
            claims = JsonSerializer.Deserialize<TokenClaims>(Base64Url.DecodeFromChars(parts[1]));
        }
        catch (Exception ex) when (ex is JsonException or FormatException)
        {
            return null;
        }

        return claims is not null && claims.Issuer == _options.Issuer && claims.ExpiresAt > _time.GetUtcNow().ToUnixTimeSeconds()
            ? claims.Subject
            : null;
    }

    private byte[] Sign(string data) => HMACSHA256.HashData(_key, Encoding.ASCII.GetBytes(data));

    private static byte[] LoadKey(string? configured, string keyFile)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            var key = Convert.FromBase64String(configured);
            return key.Length >= 32
                ? key
                : throw new InvalidOperationException($"{StaffAuthOptions.SectionName}:SigningKey must be at least 32 bytes once base64-decoded.");
        }

        if (File.Exists(keyFile))
        {
            return Convert.FromBase64String(File.ReadAllText(keyFile).Trim());
        }

        var created = RandomNumberGenerator.GetBytes(32);
        Directory.CreateDirectory(Path.GetDirectoryName(keyFile)!);
        var temporary = keyFile + ".tmp";
        File.WriteAllText(temporary, Convert.ToBase64String(created));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        File.Move(temporary, keyFile, overwrite: false);
        return created;
    }

    private sealed record TokenClaims(
        [property: JsonPropertyName("sub")] string Subject,
        [property: JsonPropertyName("iss")] string Issuer,
        [property: JsonPropertyName("iat")] long IssuedAt,
        [property: JsonPropertyName("exp")] long ExpiresAt);
}
