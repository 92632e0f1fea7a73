using System.ComponentModel.DataAnnotations;

namespace Assistant.Bot.WebChat;

/// <summary>The <c>Assistant:WebChat</c> section: the built-in chat page and its token endpoint.</summary>
public sealed class WebChatOptions
{
    public const string SectionName = "Assistant:WebChat";

    /// <summary>Token requests allowed per client address per minute.</summary>
    [Range(1, 10_000)]
    public int TokenRequestsPerMinute { get; set; } = 30;

    [Required]
    public string VisitorCookieName { get; set; } = "sa_visitor";

    [Range(typeof(TimeSpan), "1.00:00:00", "3650.00:00:00")]
    public TimeSpan VisitorCookieLifetime { get; set; } = TimeSpan.FromDays(365);
}
