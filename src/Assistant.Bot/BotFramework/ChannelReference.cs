namespace Assistant.Bot.BotFramework;

/// <summary>
/// Where a conversation of a Bot Framework channel lives, so the bot can write to it at any time (replies, ticket updates,
/// agent messages): the channel, its Connector's serviceUrl, the channel's own ids for the conversation, the bot and the
/// user. Its id is the assistant's conversation id, under which the log, dialog state and handoff are kept as for web chat.
/// </summary>
public sealed class ChannelReference
{
    public string Id { get; set; } = "";
    public string ChannelId { get; set; } = "";
    public string ServiceUrl { get; set; } = "";
    public string ChannelConversationId { get; set; } = "";
    public string? ConversationType { get; set; }
    public bool? IsGroup { get; set; }
    public string? TenantId { get; set; }
    public string BotId { get; set; } = "";
    public string? BotName { get; set; }
    public string ChannelUserId { get; set; } = "";
    public string? UserName { get; set; }
    public string? UserAadObjectId { get; set; }
    public string OperatorId { get; set; } = "";

    /// <summary>The app id of the registration the conversation came through (its outbound tokens); null: the first one, or none (Emulator).</summary>
    public string? AppId { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }

    /// <summary>The last watermark of the log handed to the Connector (or given up on as refused).</summary>
    public long DeliveredWatermark { get; set; }

    /// <summary>The channel's ids of the last user activities, by the assistant's id: a reply goes to the message it answers.</summary>
    public List<RememberedActivity> ChannelActivityIds { get; set; } = [];
}

/// <summary>A user activity as the log knows it and as the channel knows it.</summary>
public sealed class RememberedActivity
{
    public string Id { get; set; } = "";
    public string ChannelActivityId { get; set; } = "";

    /// <summary>Sent with <c>deliveryMode: expectReplies</c>: its replies go back in the HTTP response, not through the Connector.</summary>
    public bool ExpectReplies { get; set; }
}
