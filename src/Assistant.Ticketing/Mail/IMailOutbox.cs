namespace Assistant.Ticketing.Mail;

/// <summary>
/// The durable outbox: a mail is stored before anyone tries to send it, taken by one sender at a time, and marked
/// sent or failed once the SMTP server has answered. LiteDB today (<see cref="LiteDbMailOutbox"/>); a shared
/// database later, for several instances, behind the same calls.
/// </summary>
public interface IMailOutbox
{
    /// <summary>Stores the mail; false when a mail with the same idempotency key exists (nothing changes then).</summary>
    bool Enqueue(OutboxMail mail);

    /// <summary>
    /// Atomically takes the oldest due mail: pending with its time come, or sending for longer than
    /// <paramref name="lease"/> (an attempt cut off by a stop). It is marked sending; null when none is due.
    /// </summary>
    OutboxMail? TakeNext(DateTimeOffset now, TimeSpan lease);

    /// <summary>When the next pending mail is due, or null when none waits.</summary>
    DateTimeOffset? NextDue();

    void MarkSent(string id, DateTimeOffset at);

    /// <summary>Back to pending, to try again at <paramref name="next"/>.</summary>
    void MarkRetry(string id, string error, DateTimeOffset next);

    /// <summary>Final: <see cref="OutboxStates.Failed"/> or <see cref="OutboxStates.Suppressed"/>, with the reason.</summary>
    void MarkFinal(string id, string state, string reason);

    OutboxMail? Find(string id);

    /// <summary>Newest first; <paramref name="state"/> null for every state, <paramref name="operatorIds"/> null for every operator.</summary>
    IReadOnlyList<OutboxMail> List(string? state, IReadOnlyCollection<string>? operatorIds, int limit);

    /// <summary>How many mails per state, for the given operators (null: all).</summary>
    IReadOnlyDictionary<string, int> Counts(IReadOnlyCollection<string>? operatorIds);

    /// <summary>
    /// Data erasure: the user's unsent mails are deleted, the others lose their address and text (the record that a
    /// mail of that kind went out stays). Returns how many mails changed.
    /// </summary>
    int EraseUser(string userId);
}
