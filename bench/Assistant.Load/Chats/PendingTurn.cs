namespace Assistant.Load.Chats;

/// <summary>The turn a chat waits for, filled in by the socket reader as the bot's activities arrive.</summary>
internal sealed class PendingTurn(string? clientActivityId, long startedAt, bool expectsTicket)
{
    /// <summary>Null for the greeting at the start of a conversation, which answers no message.</summary>
    public string? ClientActivityId { get; } = clientActivityId;

    public long StartedAt { get; } = startedAt;

    public bool ExpectsTicket { get; } = expectsTicket;

    /// <summary>The server's id of the user's message, seen in its echo on the socket; replies carry it as replyToId.</summary>
    public string? ActivityId { get; set; }

    /// <summary>When the bot's typing indicator for this message arrived (0: none).</summary>
    public long TypingAt { get; set; }

    public long FirstAt { get; set; }

    public long EndedAt { get; set; }

    public string? Slot { get; set; }

    public string[] Choices { get; set; } = [];

    public bool FiledTicket { get; set; }

    /// <summary>True at the end of the turn, false when the socket went away first.</summary>
    public TaskCompletionSource<bool> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
