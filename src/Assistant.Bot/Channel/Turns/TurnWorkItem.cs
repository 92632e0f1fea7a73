using Assistant.Bot.Channel.Activities;

namespace Assistant.Bot.Channel.Turns;

/// <summary>A stored incoming activity waiting for the bot.</summary>
public sealed record TurnWorkItem(string ConversationId, string OperatorId, Activity Activity)
{
    /// <summary>When it was queued, just after being stored (<see cref="System.Diagnostics.Stopwatch"/> ticks): turn latency starts here.</summary>
    public long QueuedAt { get; } = System.Diagnostics.Stopwatch.GetTimestamp();

    /// <summary>Completed once the turn has ended, its replies written (or it failed): for a caller that waits for them.</summary>
    public TaskCompletionSource? Ended { get; init; }
}
