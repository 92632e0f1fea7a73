using System.ComponentModel.DataAnnotations;

namespace Assistant.Bot.Admin;

/// <summary>The <c>Assistant:Admin</c> section.</summary>
public sealed class AdminOptions
{
    public const string SectionName = "Assistant:Admin";

    /// <summary>Conversations not updated for this many days are deleted (transcripts, uploads, dialog state); tickets stay.</summary>
    [Range(1, 3650)]
    public int ConversationRetentionDays { get; set; } = 365;

    /// <summary>How often the retention purge runs.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "7.00:00:00")]
    public TimeSpan RetentionInterval { get; set; } = TimeSpan.FromHours(24);
}
