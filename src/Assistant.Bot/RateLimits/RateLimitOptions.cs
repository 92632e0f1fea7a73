using System.ComponentModel.DataAnnotations;

namespace Assistant.Bot.RateLimits;

/// <summary>
/// The <c>Assistant:RateLimits</c> section. Each limit is a token bucket: <see cref="RateLimit.Burst"/> requests at once,
/// then <see cref="RateLimit.PerMinute"/> a minute. The defaults are far above what a person types or clicks, and above
/// what the load generator's closed loop sends per chat; they stop scripts.
/// </summary>
public sealed class RateLimitOptions
{
    public const string SectionName = "Assistant:RateLimits";

    public bool Enabled { get; set; } = true;

    /// <summary>Activities posted to one conversation, whoever posts them (a visitor's token or the secret).</summary>
    [Required]
    public RateLimit MessagesPerConversation { get; set; } = new() { PerMinute = 300, Burst = 60 };

    /// <summary>Activities posted by one visitor (the user id of the token), across all their conversations.</summary>
    [Required]
    public RateLimit MessagesPerVisitor { get; set; } = new() { PerMinute = 600, Burst = 120 };

    /// <summary>Uploads to one conversation.</summary>
    [Required]
    public RateLimit UploadsPerConversation { get; set; } = new() { PerMinute = 30, Burst = 10 };

    /// <summary>Requests to the handoff, agent console, ticket and inbox endpoints per staff member (per address without a login).</summary>
    [Required]
    public RateLimit StaffRequests { get; set; } = new() { PerMinute = 600, Burst = 200 };

    /// <summary>When refused messages become a strike of the sanction ladder (disrupting the service, the operator's sanction clause).</summary>
    [Required]
    public FloodStrikeOptions FloodStrike { get; set; } = new();
}

/// <summary>
/// A visitor whose messages are refused <see cref="Refusals"/> times within <see cref="Window"/> gets one strike; the
/// count then starts again. A person who types fast and hits the limit once gets a few refusals, far from it.
/// </summary>
public sealed class FloodStrikeOptions
{
    public bool Enabled { get; set; } = true;

    [Range(2, 1_000_000)]
    public int Refusals { get; set; } = 30;

    [Range(typeof(TimeSpan), "00:00:10", "1.00:00:00")]
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(10);
}

public sealed class RateLimit
{
    [Range(1, 1_000_000)]
    public int PerMinute { get; set; }

    [Range(1, 1_000_000)]
    public int Burst { get; set; }
}
