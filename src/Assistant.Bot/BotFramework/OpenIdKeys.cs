using System.Text.Json;
using Microsoft.IdentityModel.Tokens;

namespace Assistant.Bot.BotFramework;

/// <summary>A signing key from an OpenID key set, with the channels Azure Bot Service endorses it for (null: no list).</summary>
public sealed record EndorsedKey(SecurityKey Key, IReadOnlyList<string>? Endorsements);

/// <summary>
/// The signing keys published behind one OpenID metadata document (<c>jwks_uri</c>), cached: fetched again once the
/// cache is older than the refresh interval, and when a token names a key id the cache does not hold (new keys can
/// appear at any time), at most once per minimum interval so a stream of forged key ids cannot hammer the publisher.
/// </summary>
public sealed partial class OpenIdKeys(
    string metadataUrl,
    HttpClient http,
    TimeProvider time,
    TimeSpan refreshInterval,
    TimeSpan minimumRefresh,
    ILogger logger)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private Dictionary<string, EndorsedKey> _keys = new(StringComparer.Ordinal);
    private DateTimeOffset? _fetchedAt;
    private DateTimeOffset? _attemptedAt;

    public string MetadataUrl { get; } = metadataUrl;

    /// <summary>The key with that id (<c>kid</c> or <c>x5t</c>), or null once a fresh fetch did not find it either.</summary>
    public async Task<EndorsedKey?> FindAsync(string keyId, CancellationToken cancellationToken)
    {
        var stale = _fetchedAt is not { } fetched || time.GetUtcNow() - fetched >= refreshInterval;
        if (stale && (_attemptedAt is not { } attempted || time.GetUtcNow() - attempted >= minimumRefresh))
        {
            await RefreshAsync(force: false, cancellationToken);
        }

        if (_keys.TryGetValue(keyId, out var key))
        {
            return key;
        }

        if (_attemptedAt is { } last && time.GetUtcNow() - last < minimumRefresh)
        {
            return null;
        }

        LogUnknownKey(logger, MetadataUrl);
        await RefreshAsync(force: true, cancellationToken);
        return _keys.GetValueOrDefault(keyId);
    }

    private async Task RefreshAsync(bool force, CancellationToken cancellationToken)
    {
        var before = _fetchedAt;
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_fetchedAt != before || (!force && _fetchedAt is { } fetched && time.GetUtcNow() - fetched < refreshInterval))
            {
                return; // another request fetched them meanwhile
            }

            _attemptedAt = time.GetUtcNow();

            using var metadata = JsonDocument.Parse(await http.GetStringAsync(MetadataUrl, cancellationToken));
            var jwksUri = metadata.RootElement.GetProperty("jwks_uri").GetString()
                ?? throw new InvalidOperationException($"The OpenID metadata at {MetadataUrl} has no jwks_uri.");
            using var set = JsonDocument.Parse(await http.GetStringAsync(jwksUri, cancellationToken));
            var keys = new Dictionary<string, EndorsedKey>(StringComparer.Ordinal);
            foreach (var element in set.RootElement.GetProperty("keys").EnumerateArray())
            {
                var key = new EndorsedKey(new JsonWebKey(element.GetRawText()), Endorsements(element));
                foreach (var name in new[] { "kid", "x5t" })
                {
                    if (element.TryGetProperty(name, out var id) && id.GetString() is { Length: > 0 } value)
                    {
                        keys[value] = key;
                    }
                }
            }

            _keys = keys;
            _fetchedAt = time.GetUtcNow();
            LogFetched(logger, keys.Values.Distinct().Count(), MetadataUrl);
        }
        catch (Exception ex) when (ex is HttpRequestException or JsonException or KeyNotFoundException or InvalidOperationException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            // The keys already held stay in use; an unknown key is refused until the publisher answers again.
            LogFetchFailed(logger, ex, MetadataUrl);
        }
        finally
        {
            _gate.Release();
        }
    }

    private static List<string>? Endorsements(JsonElement key) =>
        key.TryGetProperty("endorsements", out var list) && list.ValueKind == JsonValueKind.Array
            ? [.. list.EnumerateArray().Select(e => e.GetString()).OfType<string>()]
            : null;

    [LoggerMessage(Level = LogLevel.Information, Message = "Fetched {KeyCount} signing keys from {MetadataUrl}")]
    private static partial void LogFetched(ILogger logger, int keyCount, string metadataUrl);

    [LoggerMessage(Level = LogLevel.Information, Message = "A token names a signing key not in the cache: fetching the keys of {MetadataUrl} again")]
    private static partial void LogUnknownKey(ILogger logger, string metadataUrl);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not fetch the signing keys from {MetadataUrl}")]
    private static partial void LogFetchFailed(ILogger logger, Exception exception, string metadataUrl);
}
