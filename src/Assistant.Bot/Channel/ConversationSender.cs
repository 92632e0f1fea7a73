using System.Text.Json;
using Assistant.Bot.Channel.Activities;
using Assistant.Bot.Channel.Storage;
using Assistant.Bot.Channel.Streaming;
using Assistant.Bot.Intake;
using Assistant.Bot.Metrics;
using Assistant.Bot.Turns;
using Assistant.Ticketing.Operators;

namespace Assistant.Bot.Channel;

/// <summary>Writes bot and agent activities into a conversation: stamped, stored with a watermark, pushed live.</summary>
public sealed partial class ConversationSender(
    ConversationStore store,
    ConversationHub hub,
    IOperatorCatalog operators,
    TurnMetrics metrics,
    ILogger<ConversationSender> logger) : IConversationSender
{
    public const string BotId = "bot";
    public const string ChannelId = "directline";

    public async Task<Activity> SendAsync(string conversationId, Activity activity, CancellationToken cancellationToken) =>
        (await SendAsync(conversationId, [activity], state: null, cancellationToken))[0];

    /// <summary>Several activities and, for a bot turn, the dialog state they leave: one durable write, then pushed in order.</summary>
    public async Task<IReadOnlyList<Activity>> SendAsync(string conversationId, IReadOnlyList<Activity> activities, IntakeState? state, CancellationToken cancellationToken)
    {
        var storing = TurnMetrics.Start();
        var conversation = store.Find(conversationId)
            ?? throw new KeyNotFoundException($"Conversation {conversationId} does not exist.");
        foreach (var activity in activities)
        {
            activity.Type ??= ActivityTypes.Message;
            activity.ChannelId = ChannelId;
            activity.From ??= BotAccount(conversation.OperatorId);
            activity.From.Role ??= RoleTypes.Bot;
            activity.Recipient = new ChannelAccount { Id = conversation.UserId, Role = RoleTypes.User };
        }

        var stored = await store.AppendAsync(conversationId, activities, state, Publish);
        metrics.Step(TurnSteps.Storage, storing);
        LogSent(logger, conversationId, stored.Count);
        return [.. stored.Select(s => s.Activity)];
    }

    public Task SendTypingAsync(string conversationId, ChannelAccount from, CancellationToken cancellationToken)
    {
        var typing = new Activity
        {
            Type = ActivityTypes.Typing,
            Id = Guid.NewGuid().ToString("N"),
            Timestamp = DateTimeOffset.UtcNow,
            ChannelId = ChannelId,
            From = from,
            Conversation = new ConversationAccount { Id = conversationId },
        };
        hub.Publish(conversationId, new StreamMessage(null, JsonSerializer.Serialize(typing, ActivityJson.Options)));
        return Task.CompletedTask;
    }

    public ChannelAccount BotAccount(string operatorId) =>
        new() { Id = BotId, Name = operators.Find(operatorId)?.Name ?? operatorId, Role = RoleTypes.Bot };

    /// <summary>Pushes a stored activity to the open sockets; called by the store in log order.</summary>
    public void Publish(StoredActivity stored) =>
        hub.Publish(stored.Activity.Conversation!.Id!, new StreamMessage(stored.Watermark, stored.Json));

    [LoggerMessage(Level = LogLevel.Debug, Message = "Sent {Count} activities on conversation {ConversationId}")]
    private static partial void LogSent(ILogger logger, string conversationId, int count);
}
