using System.ComponentModel.DataAnnotations;

namespace Assistant.Bot.Channel;

/// <summary>The <c>DirectLine</c> section.</summary>
public sealed class DirectLineOptions
{
    public const string SectionName = "DirectLine";

    /// <summary>Master key for <c>tokens/generate</c> and server-to-server calls. Empty: only tokens minted by the page endpoint work.</summary>
    public string? Secret { get; set; }

    /// <summary>Base64 HMAC key (at least 32 bytes) signing tokens and attachment URLs. Empty: a random key kept in the data directory.</summary>
    public string? SigningKey { get; set; }

    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00")]
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>How long a stream URL may wait before the client opens it (it is single-use).</summary>
    [Range(typeof(TimeSpan), "00:00:05", "00:10:00")]
    public TimeSpan StreamUrlLifetime { get; set; } = TimeSpan.FromSeconds(60);

    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan KeepAliveInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>The Direct Line limit on one activity serialised to JSON.</summary>
    [Range(1024, 10_000_000)]
    public int MaxActivityChars { get; set; } = 256 * 1024;

    [Range(1024, 1_000_000_000)]
    public long MaxUploadBytes { get; set; } = 10 * 1024 * 1024;
}
