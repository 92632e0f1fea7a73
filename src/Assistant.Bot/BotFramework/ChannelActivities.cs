using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Assistant.Bot.Channel;
using Assistant.Bot.Channel.Activities;
using Assistant.Bot.Channel.Storage;
using Assistant.Bot.Channel.Turns;
using Assistant.Bot.Hosting;
using Microsoft.Extensions.Options;

namespace Assistant.Bot.BotFramework;

/// <summary>
/// An activity from a Bot Framework channel, once authenticated, enters the same log and turn queue as a web chat one:
/// the channel's conversation gets an assistant conversation of its own (created on first contact), the user an id
/// scoped to the channel, and the bot's replies are taken from the log to the Connector by <see cref="ConnectorRelay"/>.
/// </summary>
public sealed partial class ChannelActivities(
    ConversationStore store,
    ConversationSender sender,
    ChannelReferences references,
    ConnectorRelay relay,
    TurnQueue turns,
    IOptions<BotFrameworkOptions> options,
    IOptions<AssistantOptions> assistant,
    TimeProvider time,
    ILogger<ChannelActivities> logger)
{
    /// <param name="registration">The registration the inbound token was issued for; null for the Emulator.</param>
    /// <param name="expectReplies">The caller waits for the turn's replies in the response (<c>deliveryMode: expectReplies</c>).</param>
    /// <returns>With <paramref name="expectReplies"/>, the turn to wait for; otherwise (or for an activity no turn follows) null.</returns>
    public async Task<AwaitedTurn?> AcceptAsync(Activity activity, BotRegistration? registration, bool expectReplies)
    {
        var conversationId = ConversationIdOf(activity.ChannelId!, activity.Conversation!.Id!, options.Value.ConversationScope(registration));
        var operatorId = options.Value.OperatorFor(activity.ChannelId!, registration) ?? assistant.Value.DefaultOperator;
        var userId = UserIdOf(activity);
        var reference = Remember(conversationId, operatorId, registration?.MicrosoftAppId, activity);
        if (await store.TryCreateAsync(conversationId, userId, reference.OperatorId, activity.Locale))
        {
            LogStarted(logger, conversationId, activity.ChannelId!, reference.OperatorId);
        }

        relay.Watch(conversationId);
        var ended = expectReplies ? new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously) : null;
        switch (activity.Type)
        {
            case ActivityTypes.Message:
                return await AcceptMessageAsync(conversationId, reference, userId, activity, ended);
            case ActivityTypes.ConversationUpdate when activity.MembersAdded is { Count: > 0 }:
                // The user or the bot joined: the pipeline greets once (a conversation it already knows is not greeted again).
                // The update is not logged; with expectReplies it gets an id of its own, which the greeting replies to.
                var updateId = ended is null ? null : "update-" + Guid.NewGuid().ToString("N");
                var after = store.Find(conversationId)?.LastWatermark ?? 0;
                if (updateId is not null)
                {
                    RememberChannelId(conversationId, reference, updateId, activity.Id, expectReplies: true);
                }

                turns.Enqueue(new TurnWorkItem(conversationId, reference.OperatorId, new Activity
                {
                    Id = updateId,
                    Type = ActivityTypes.ConversationUpdate,
                    Timestamp = time.GetUtcNow(),
                    ChannelId = activity.ChannelId,
                    From = new ChannelAccount { Id = userId, Name = activity.From?.Name, Role = RoleTypes.User },
                    Recipient = sender.BotAccount(reference.OperatorId),
                    Conversation = new ConversationAccount { Id = conversationId },
                    Locale = activity.Locale,
                    MembersAdded = [new ChannelAccount { Id = userId, Role = RoleTypes.User }],
                })
                { Ended = ended });
                return ended is null ? null : new AwaitedTurn(conversationId, updateId!, after, ended.Task);
            default:
                LogIgnored(logger, activity.Type, conversationId);
                return null;
        }
    }

    /// <summary>
    /// The bot's messages of an awaited turn, as the channel receives them. Called once the turn has ended: the turn
    /// writes its replies in one commit before it ends.
    /// </summary>
    public List<Activity> RepliesOf(AwaitedTurn turn)
    {
        var replies = new List<Activity>();
        if (references.Find(turn.ConversationId) is not { } reference)
        {
            return replies;
        }

        var watermark = turn.AfterWatermark;
        IReadOnlyList<ActivityRecord> page;
        do
        {
            page = store.ReadAfter(turn.ConversationId, watermark);
            foreach (var record in page)
            {
                var logged = JsonSerializer.Deserialize<Activity>(record.Json, ActivityJson.Options)!;
                if (logged.ReplyToId == turn.ReplyToId && OutboundActivities.ToChannel(logged, reference) is { } outbound)
                {
                    replies.Add(outbound);
                }

                watermark = record.Watermark;
            }
        }
        while (page.Count == ConversationStore.PageSize);

        return replies;
    }

    private async Task<AwaitedTurn?> AcceptMessageAsync(string conversationId, ChannelReference reference, string userId, Activity activity, TaskCompletionSource? ended)
    {
        var channelActivityId = activity.Id;
        activity.Text = WithoutBotMention(activity);
        activity.From = new ChannelAccount { Id = userId, Name = activity.From?.Name, Role = RoleTypes.User, AadObjectId = activity.From?.AadObjectId };
        activity.Recipient = sender.BotAccount(reference.OperatorId);
        activity.ServiceUrl = null;
        activity.Conversation = new ConversationAccount { Id = conversationId };
        activity.Locale ??= store.Find(conversationId)?.Locale;
        var stored = await store.AppendAsync(conversationId, activity, sender.Publish);
        if (channelActivityId is not null || ended is not null)
        {
            // Before the turn is queued: the relay must know a reply's channel id (and that it is not its to send) first.
            RememberChannelId(conversationId, reference, stored.Activity.Id!, channelActivityId, ended is not null);
        }

        LogReceived(logger, stored.Activity.Id!, conversationId);
        turns.Enqueue(new TurnWorkItem(conversationId, reference.OperatorId, stored.Activity) { Ended = ended });
        if (ended is not null)
        {
            return new AwaitedTurn(conversationId, stored.Activity.Id!, stored.Watermark, ended.Task);
        }

        await sender.SendTypingAsync(conversationId, sender.BotAccount(reference.OperatorId), CancellationToken.None);
        return null;
    }

    private void RememberChannelId(string conversationId, ChannelReference reference, string id, string? channelActivityId, bool expectReplies) =>
        references.Update(conversationId, current =>
        {
            var updated = current ?? reference;
            updated.ChannelActivityIds.Add(new RememberedActivity { Id = id, ChannelActivityId = channelActivityId ?? "", ExpectReplies = expectReplies });
            if (updated.ChannelActivityIds.Count > ChannelReferences.RememberedActivities)
            {
                updated.ChannelActivityIds.RemoveRange(0, updated.ChannelActivityIds.Count - ChannelReferences.RememberedActivities);
            }

            return updated;
        });

    /// <summary>The reference is refreshed at every activity: the Connector's serviceUrl may change, and the latest wins.</summary>
    private ChannelReference Remember(string conversationId, string operatorId, string? appId, Activity activity) =>
        references.Update(conversationId, current =>
        {
            var now = time.GetUtcNow().UtcDateTime;
            var reference = current ?? new ChannelReference { CreatedAt = now, OperatorId = operatorId, ChannelUserId = activity.From?.Id ?? "" };
            reference.ChannelId = activity.ChannelId!;
            reference.AppId = appId;
            reference.ServiceUrl = activity.ServiceUrl!;
            reference.ChannelConversationId = activity.Conversation!.Id!;
            reference.ConversationType = activity.Conversation.ConversationType ?? reference.ConversationType;
            reference.IsGroup = activity.Conversation.IsGroup ?? reference.IsGroup;
            reference.TenantId = activity.Conversation.TenantId ?? reference.TenantId;
            reference.BotId = activity.Recipient?.Id ?? reference.BotId;
            reference.BotName = activity.Recipient?.Name ?? reference.BotName;
            if (activity.Type == ActivityTypes.Message && activity.From?.Id is { Length: > 0 } user)
            {
                reference.ChannelUserId = user;
                reference.UserName = activity.From.Name ?? reference.UserName;
                reference.UserAadObjectId = activity.From.AadObjectId ?? reference.UserAadObjectId;
            }

            reference.UpdatedAt = now;
            return reference;
        });

    /// <summary>
    /// The assistant's id of a channel conversation: stable, short, and free of the characters channel ids carry (Teams'
    /// ";messageid="). A listed registration's app id is part of it (see <see cref="BotFrameworkOptions.ConversationScope"/>).
    /// </summary>
    public static string ConversationIdOf(string channelId, string channelConversationId, string? scope = null)
    {
        var key = channelId + "\n" + channelConversationId + (scope is null ? "" : "\n" + scope.ToLowerInvariant());
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(key));
        return "bf-" + Convert.ToHexStringLower(hash.AsSpan(0, 16));
    }

    private static string UserIdOf(Activity activity) => $"{activity.ChannelId}:{activity.From?.Id}";

    /// <summary>In Teams and group chats the bot is @mentioned in the text ("&lt;at&gt;Assistant&lt;/at&gt; my order"): the mention is not what the user asks.</summary>
    public static string? WithoutBotMention(Activity activity)
    {
        var text = activity.Text;
        if (string.IsNullOrEmpty(text) || activity.Entities is null || activity.Recipient?.Id is not { } botId)
        {
            return text;
        }

        foreach (var entity in activity.Entities)
        {
            var isMention = entity["type"]?.GetValue<string>() == "mention";
            var mentioned = entity["mentioned"]?["id"]?.GetValue<string>();
            if (isMention && mentioned == botId && entity["text"]?.GetValue<string>() is { Length: > 0 } mention)
            {
                text = text.Replace(mention, "", StringComparison.Ordinal);
            }
        }

        return SpacesPattern().Replace(text, " ").Trim();
    }

    [GeneratedRegex(@"[ \t]{2,}")]
    private static partial Regex SpacesPattern();

    [LoggerMessage(Level = LogLevel.Information, Message = "Conversation {ConversationId} started from channel {ChannelId} for operator {OperatorId}")]
    private static partial void LogStarted(ILogger logger, string conversationId, string channelId, string operatorId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Received activity {ActivityId} on conversation {ConversationId}")]
    private static partial void LogReceived(ILogger logger, string activityId, string conversationId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Ignored a {ActivityType} activity on conversation {ConversationId}")]
    private static partial void LogIgnored(ILogger logger, string? activityType, string conversationId);
}
