using Assistant.Bot.Channel.Activities;

namespace Assistant.Bot.BotFramework;

/// <summary>
/// A bot or agent activity of the log, as the channel receives it: addressed with the channel's own ids, replying to the
/// channel's id of the message it answers, and shaped for what the channel can show.
/// </summary>
public static class OutboundActivities
{
    /// <summary>Channels that show suggested actions as buttons; elsewhere the choices are written out in the text.</summary>
    private static readonly HashSet<string> SuggestedActionChannels =
        new(["directline", "webchat", "emulator", "facebook", "telegram", "line", "kik", "skype", "test"], StringComparer.OrdinalIgnoreCase);

    /// <summary>Null for what a channel user is not shown: their own activities, and events (handoff signals stay in the log).</summary>
    public static Activity? ToChannel(Activity logged, ChannelReference reference)
    {
        if (logged.Type != ActivityTypes.Message || logged.From?.Role == RoleTypes.User)
        {
            return null;
        }

        var text = logged.Text;
        if (logged.From?.Id?.StartsWith("agent:", StringComparison.Ordinal) == true && !string.IsNullOrWhiteSpace(logged.From.Name))
        {
            // Every message of the channel shows as the bot's: a person's reply says who wrote it.
            text = $"**{logged.From.Name}**\n\n{text}";
        }

        var outbound = new Activity
        {
            Type = ActivityTypes.Message,
            ChannelId = reference.ChannelId,
            ServiceUrl = reference.ServiceUrl,
            From = new ChannelAccount { Id = reference.BotId, Name = reference.BotName, Role = RoleTypes.Bot },
            Recipient = new ChannelAccount { Id = reference.ChannelUserId, Name = reference.UserName, Role = RoleTypes.User },
            Conversation = new ConversationAccount
            {
                Id = reference.ChannelConversationId,
                IsGroup = reference.IsGroup,
                ConversationType = reference.ConversationType,
                TenantId = reference.TenantId,
            },
            ReplyToId = reference.ChannelActivityIds.FirstOrDefault(a => a.Id == logged.ReplyToId)?.ChannelActivityId is { Length: > 0 } replyTo ? replyTo : null,
            Text = text,
            TextFormat = logged.TextFormat,
            Locale = logged.Locale,
            InputHint = logged.InputHint,
            ChannelData = logged.ChannelData,
            Attachments = logged.Attachments,
            AttachmentLayout = logged.AttachmentLayout,
        };
        if (logged.SuggestedActions is { Actions.Count: > 0 } suggested)
        {
            if (HasSuggestedActions(reference))
            {
                outbound.SuggestedActions = new SuggestedActions { To = [reference.ChannelUserId], Actions = suggested.Actions };
            }
            else
            {
                outbound.Text += "\n\n" + string.Join("\n", suggested.Actions.Select(a => "- " + Turns.BotMessage.ToMarkdown(a.Title ?? "")));
            }
        }

        return outbound;
    }

    /// <summary>A reply to an activity sent with <c>deliveryMode: expectReplies</c>: it went back in that request's response.</summary>
    public static bool WentBackInResponse(Activity logged, ChannelReference reference) =>
        logged.ReplyToId is { } replyTo && reference.ChannelActivityIds.Any(a => a.Id == replyTo && a.ExpectReplies);

    /// <summary>Teams shows suggested actions in one-to-one chats only.</summary>
    public static bool HasSuggestedActions(ChannelReference reference) =>
        SuggestedActionChannels.Contains(reference.ChannelId)
        || (reference.ChannelId == "msteams" && reference.ConversationType == "personal");
}
