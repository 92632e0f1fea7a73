using System.ComponentModel.DataAnnotations;

namespace Assistant.Bot.Auth;

/// <summary>The <c>Assistant:Auth</c> section: staff tokens and login throttling.</summary>
public sealed class StaffAuthOptions
{
    public const string SectionName = "Assistant:Auth";

    /// <summary>
    /// Base64 HMAC-SHA256 key (32 bytes or more) signing the access tokens. When empty, a random key is
    /// created once in <c>&lt;DataDirectory&gt;/auth-signing.key</c>, so tokens survive a restart.
    /// </summary>
    public string? SigningKey { get; set; }

    [Range(typeof(TimeSpan), "00:05:00", "7.00:00:00")]
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(8);

    [Required]
    public string Issuer { get; set; } = "support-assistant";

    /// <summary>Failed logins allowed per email, and per client address (×4), within <see cref="FailureWindow"/>.</summary>
    [Range(1, 1000)]
    public int MaxFailedLogins { get; set; } = 5;

    [Range(typeof(TimeSpan), "00:00:10", "1.00:00:00")]
    public TimeSpan FailureWindow { get; set; } = TimeSpan.FromMinutes(15);
}
