using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Assistant.Bot.Auth;

/// <summary>
/// Counts failed logins per email and per client address in a sliding window; once over the limit, further
/// attempts are refused until old failures age out. Kept in memory: a restart forgets, which only helps the owner.
/// </summary>
public sealed class LoginThrottle(IOptions<StaffAuthOptions> options, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, Queue<DateTimeOffset>> _failures = new();

    /// <summary>Null when the attempt may go ahead; otherwise how long to wait.</summary>
    public TimeSpan? RetryAfter(string email, string clientAddress)
    {
        var byEmail = Wait($"email:{email}", options.Value.MaxFailedLogins);
        var byAddress = Wait($"ip:{clientAddress}", options.Value.MaxFailedLogins * 4);
        return (byEmail, byAddress) switch
        {
            (null, null) => null,
            ({ } emailWait, null) => emailWait,
            (null, { } addressWait) => addressWait,
            ({ } emailWait, { } addressWait) => emailWait > addressWait ? emailWait : addressWait,
        };
    }

    public void Failed(string email, string clientAddress)
    {
        Record($"email:{email}");
        Record($"ip:{clientAddress}");
    }

    private TimeSpan? Wait(string key, int limit)
    {
        if (!_failures.TryGetValue(key, out var failures))
        {
            return null;
        }

        lock (failures)
        {
            var now = time.GetUtcNow();
            Prune(failures, now);
            return failures.Count < limit ? null : failures.Peek() + options.Value.FailureWindow - now;
        }
    }

    private void Record(string key)
    {
        var failures = _failures.GetOrAdd(key, _ => new Queue<DateTimeOffset>());
        lock (failures)
        {
            var now = time.GetUtcNow();
            Prune(failures, now);
            failures.Enqueue(now);
        }
    }

    private void Prune(Queue<DateTimeOffset> failures, DateTimeOffset now)
    {
        while (failures.Count > 0 && now - failures.Peek() >= options.Value.FailureWindow)
        {
            failures.Dequeue();
        }
    }
}
