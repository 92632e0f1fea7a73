namespace Assistant.Load.Chats;

public enum TurnResult
{
    Ok,
    /// <summary>The POST (or the token and start requests of a new chat) failed or answered an error status.</summary>
    HttpError,
    /// <summary>The WebSocket closed or failed while the turn waited.</summary>
    SocketDrop,
    /// <summary>No end of turn within the timeout.</summary>
    NoReply,
}

/// <summary>One turn as the client saw it, in <see cref="System.Diagnostics.Stopwatch"/> ticks (0: never happened).</summary>
public readonly record struct TurnOutcome(TurnResult Result, long StartedAt, long FirstAt, long EndedAt, bool FiledTicket, long TypingAt = 0);
