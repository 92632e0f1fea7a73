using System.Text.Json;
using Assistant.Bot.Channel.Activities;
using Assistant.Bot.Channel.Storage;
using Assistant.Bot.Channel.Streaming;
using Assistant.Bot.Channel.Turns;
using Assistant.Bot.Metrics;

namespace Assistant.Bot.Channel;

/// <summary>
/// What happens to an activity a client posts: the server owns id, timestamp, channel and sender; the client's
/// channelData (with WebChat's clientActivityID) is kept; it is stored, echoed, and queued for the bot.
/// Typing is pushed to open sockets only.
/// </summary>
public sealed partial class IncomingActivities(
    ConversationStore store,
    ConversationHub hub,
    ConversationSender sender,
    TurnQueue turns,
    TurnMetrics metrics,
    TimeProvider time,
    ILogger<IncomingActivities> logger)
{
    /// <summary>Completes once the activity is durable: the POST that brought it may then answer.</summary>
    public async Task<string> AcceptAsync(ConversationRecord conversation, DirectLineCaller caller, Activity activity)
    {
        var userId = caller.Token?.UserId ?? activity.From?.Id ?? conversation.UserId;
        activity.From = new ChannelAccount { Id = userId, Name = activity.From?.Name, Role = RoleTypes.User };
        activity.Recipient = sender.BotAccount(conversation.OperatorId);
        activity.ChannelId = ConversationSender.ChannelId;
        activity.ServiceUrl = null;
        activity.Locale ??= conversation.Locale;

        if (activity.Type == ActivityTypes.Typing)
        {
            activity.Id = Guid.NewGuid().ToString("N");
            activity.Timestamp = time.GetUtcNow();
            activity.Conversation = new ConversationAccount { Id = conversation.Id };
            hub.Publish(conversation.Id, new StreamMessage(null, JsonSerializer.Serialize(activity, ActivityJson.Options)));
            return activity.Id;
        }

        if (activity.Type == ActivityTypes.Message)
        {
            // The typing indicator goes out before the message is even durable, not from the turn: when commits and
            // turns queue up under a flood, the user still sees at once that an answer is coming. It is ephemeral, so a
            // message that then fails to store costs only an indicator that WebChat drops after a few seconds.
            await sender.SendTypingAsync(conversation.Id, sender.BotAccount(conversation.OperatorId), CancellationToken.None);
        }

        var appending = TurnMetrics.Start();
        var stored = await store.AppendAsync(conversation.Id, activity, sender.Publish);
        metrics.Step(TurnSteps.Storage, appending);
        LogReceived(logger, conversation.Id, stored.Activity.Id, activity.Type);
        turns.Enqueue(new TurnWorkItem(conversation.Id, conversation.OperatorId, stored.Activity));
        return stored.Activity.Id!;
    }

    /// <summary>The join the bot sees at conversation start, with the user from the token, so it can greet first.</summary>
    public void Start(ConversationRecord conversation)
    {
        var bot = sender.BotAccount(conversation.OperatorId);
        var user = new ChannelAccount { Id = conversation.UserId, Role = RoleTypes.User };
        turns.Enqueue(new TurnWorkItem(conversation.Id, conversation.OperatorId, new Activity
        {
            Type = ActivityTypes.ConversationUpdate,
            Timestamp = time.GetUtcNow(),
            ChannelId = ConversationSender.ChannelId,
            From = user,
            Recipient = bot,
            Conversation = new ConversationAccount { Id = conversation.Id },
            Locale = conversation.Locale,
            MembersAdded = [bot, user],
        }));
        LogStarted(logger, conversation.Id, conversation.OperatorId);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Received {ActivityType} activity {ActivityId} on conversation {ConversationId}")]
    private static partial void LogReceived(ILogger logger, string conversationId, string? activityId, string? activityType);

    [LoggerMessage(Level = LogLevel.Information, Message = "Conversation {ConversationId} started for operator {OperatorId}")]
    private static partial void LogStarted(ILogger logger, string conversationId, string operatorId);
}
