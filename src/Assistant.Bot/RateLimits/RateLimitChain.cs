using System.Threading.RateLimiting;

namespace Assistant.Bot.RateLimits;

/// <summary>
/// The global limiter's four partitioned limiters and their chain, owned by the container so that they are disposed
/// with the host: each partitioned limiter runs a timer, and a timer never disposed keeps the limiter, its buckets and
/// the execution context it was created in (a request's, with the whole host behind it) alive for the process's life.
/// </summary>
public sealed class RateLimitChain : IDisposable
{
    private readonly PartitionedRateLimiter<HttpContext>[] _links;

    public RateLimitChain(params PartitionedRateLimiter<HttpContext>[] links)
    {
        _links = links;
        Limiter = PartitionedRateLimiter.CreateChained(links);
    }

    public PartitionedRateLimiter<HttpContext> Limiter { get; }

    public void Dispose()
    {
        // Disposing a chain leaves its links alone: each is disposed here.
        Limiter.Dispose();
        foreach (var link in _links)
        {
            link.Dispose();
        }
    }
}
