using Assistant.Bot.Channel.Activities;
using Assistant.Bot.Intake;

namespace Assistant.Bot.Turns;

/// <summary>
/// What the bot knows about one incoming activity; the protocol details stay in the channel. Replies and the dialog
/// state are kept until <see cref="FlushAsync"/>, which writes them as one commit: a turn is one durable write, and a
/// turn that fails half-way leaves neither replies nor state behind.
/// </summary>
public sealed class TurnContext(
    string conversationId,
    string operatorId,
    Activity activity,
    IConversationSender sender)
{
    private readonly List<Activity> _replies = [];
    private readonly List<Task> _writes = [];
    private IntakeState? _state;

    public string ConversationId { get; } = conversationId;

    /// <summary>The tenant whose page started the conversation (e.g. "digisense", "icosnet").</summary>
    public string OperatorId { get; } = operatorId;

    public Activity Activity { get; } = activity;

    /// <summary>The user id the token was issued for; the channel has already enforced it on <c>from.id</c>.</summary>
    public string UserId => Activity.From?.Id ?? "";

    /// <summary>Queues a reply for the end of the turn (or the next <see cref="FlushAsync"/>).</summary>
    public void Send(Activity reply)
    {
        reply.ReplyToId ??= Activity.Id;
        _replies.Add(reply);
    }

    /// <summary>A write of the turn's own elsewhere (its audit entry): the turn ends when it and the replies are both durable.</summary>
    public void WaitFor(Task write) => _writes.Add(write);

    /// <summary>The dialog state to save with the replies.</summary>
    public void SaveState(IntakeState state) => _state = state;

    /// <summary>
    /// Writes what the turn queued, replies and state together, and pushes the replies. Called at the end of the turn,
    /// and before anything that reads the log or writes to it another way (a handoff's transcript, its events).
    /// </summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        var writes = _writes.ToList();
        _writes.Clear();
        if (_replies.Count > 0 || _state is not null)
        {
            var replies = _replies.ToList();
            var state = _state;
            _replies.Clear();
            _state = null;
            writes.Add(sender.SendAsync(ConversationId, replies, state, cancellationToken));
        }

        await Task.WhenAll(writes);
    }

    /// <summary>Drops what was queued: the turn failed, and its half-done output must not be kept.</summary>
    public void Discard()
    {
        _replies.Clear();
        _state = null;
    }

    public Task SendTypingAsync(ChannelAccount from, CancellationToken cancellationToken) =>
        sender.SendTypingAsync(ConversationId, from, cancellationToken);
}
