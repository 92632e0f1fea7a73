using Assistant.Bot.Channel.Activities;

namespace Assistant.Bot.Turns;

/// <summary>
/// Writes into a conversation as the bot or as an agent: the channel stamps id, timestamp and watermark,
/// appends to the conversation log and pushes to every open stream. Works whether or not the user is
/// connected (they see it on their next visit).
/// </summary>
public interface IConversationSender
{
    Task<Activity> SendAsync(string conversationId, Activity activity, CancellationToken cancellationToken);

    /// <summary>Several activities and, for a bot turn, the dialog state they leave, as one durable write; then pushed in order.</summary>
    Task<IReadOnlyList<Activity>> SendAsync(string conversationId, IReadOnlyList<Activity> activities, Intake.IntakeState? state, CancellationToken cancellationToken);

    /// <summary>An ephemeral typing indicator: pushed on open WebSockets only, never stored.</summary>
    Task SendTypingAsync(string conversationId, ChannelAccount from, CancellationToken cancellationToken);
}
