using Assistant.Bot.Channel.Activities;

namespace Assistant.Bot.Turns;

/// <summary>What the bot knows about one incoming activity; the protocol details stay in the channel.</summary>
public sealed class TurnContext(
    string conversationId,
    string operatorId,
    Activity activity,
    IConversationSender sender)
{
    public string ConversationId { get; } = conversationId;

    /// <summary>The tenant whose page started the conversation (e.g. "digisense", "icosnet").</summary>
    public string OperatorId { get; } = operatorId;

    public Activity Activity { get; } = activity;

    /// <summary>The user id the token was issued for; the channel has already enforced it on <c>from.id</c>.</summary>
    public string UserId => Activity.From?.Id ?? "";

    public Task<Activity> SendAsync(Activity reply, CancellationToken cancellationToken)
    {
        reply.ReplyToId ??= Activity.Id;
        return sender.SendAsync(ConversationId, reply, cancellationToken);
    }

    public Task SendTypingAsync(ChannelAccount from, CancellationToken cancellationToken) =>
        sender.SendTypingAsync(ConversationId, from, cancellationToken);
}
