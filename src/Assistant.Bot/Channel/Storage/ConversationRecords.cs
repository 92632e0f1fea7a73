namespace Assistant.Bot.Channel.Storage;

/// <summary>One Direct Line conversation: who it belongs to and where its log stands.</summary>
public sealed class ConversationRecord
{
    public string Id { get; set; } = "";
    public string OperatorId { get; set; } = "";
    public string UserId { get; set; } = "";
    public string? Locale { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    /// <summary>The watermark of the last stored activity; the next one gets this plus one.</summary>
    public long LastWatermark { get; set; }
    /// <summary>The last server timestamp given out, so the next one can be strictly later.</summary>
    public DateTime LastTimestamp { get; set; }
}

/// <summary>One stored activity, kept as the JSON sent to clients so unknown fields survive.</summary>
public sealed class ActivityRecord
{
    public string Id { get; set; } = "";
    public string ConversationId { get; set; } = "";
    public long Watermark { get; set; }
    public string Type { get; set; } = "";
    public DateTime Timestamp { get; set; }
    public string Json { get; set; } = "";
}

/// <summary>An uploaded file: metadata here, bytes under <c>&lt;DataDirectory&gt;/attachments/</c>.</summary>
public sealed class AttachmentRecord
{
    public string Id { get; set; } = "";
    public string ConversationId { get; set; } = "";
    public string ContentType { get; set; } = "";
    public string Name { get; set; } = "";
    public long Length { get; set; }
    public DateTime CreatedAt { get; set; }
}
