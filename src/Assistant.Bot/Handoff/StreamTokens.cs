using System.Collections.Concurrent;
using System.Security.Cryptography;
using Assistant.Bot.Auth;

namespace Assistant.Bot.Handoff;

/// <summary>
/// EventSource cannot send an Authorization header, so the console first exchanges its bearer token for a
/// stream token: random, single-use, valid one minute, kept in memory only. It is what the query string
/// carries, so a leaked URL (logs, history) is useless once the stream is open.
/// </summary>
public sealed class StreamTokens(TimeProvider time)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(60);

    private readonly ConcurrentDictionary<string, (StaffScope Scope, DateTimeOffset Expires)> _tokens = new();

    public string Issue(StaffScope scope)
    {
        var now = time.GetUtcNow();
        foreach (var expired in _tokens.Where(t => t.Value.Expires <= now).Select(t => t.Key).ToList())
        {
            _tokens.TryRemove(expired, out _);
        }

        var token = Convert.ToHexString(RandomNumberGenerator.GetBytes(24)).ToLowerInvariant();
        _tokens[token] = (scope, now + Lifetime);
        return token;
    }

    /// <summary>The scope the token was issued for, once; null when unknown, used or expired.</summary>
    public StaffScope? Redeem(string? token)
    {
        if (string.IsNullOrEmpty(token) || !_tokens.TryRemove(token, out var entry))
        {
            return null;
        }

        return entry.Expires > time.GetUtcNow() ? entry.Scope : null;
    }
}
