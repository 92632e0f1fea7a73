namespace Assistant.Ticketing.Mail;

/// <summary>
/// One e-mail to send, as stored in the outbox. <see cref="Id"/> is the idempotency key of the event it tells
/// (<c>receipt:DGS-2026-000001</c>, <c>comment:DGS-2026-000001:ab12…</c>): the same event never makes two mails.
/// The text is rendered when the mail is sent, from <see cref="Template"/> and <see cref="Values"/>.
/// </summary>
public sealed class OutboxMail
{
    public string Id { get; set; } = "";
    public string OperatorId { get; set; } = "";
    /// <summary><c>receipt</c>, <c>reply</c>, <c>status</c>, <c>satisfaction</c> or <c>incident</c>.</summary>
    public string Kind { get; set; } = "";
    public string? TicketReference { get; set; }
    public string ConversationId { get; set; } = "";
    public string UserId { get; set; } = "";
    /// <summary>The recipient; emptied by erasure.</summary>
    public string To { get; set; } = "";
    public string Template { get; set; } = "";
    public string Language { get; set; } = "fr";
    public Dictionary<string, string> Values { get; set; } = [];
    public string State { get; set; } = OutboxStates.Pending;
    public int Attempts { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset NextAttemptAt { get; set; }
    /// <summary>When the current attempt took the mail; an attempt older than the lease was cut off (a killed process).</summary>
    public DateTimeOffset? SendingSince { get; set; }
    public DateTimeOffset? SentAt { get; set; }
    /// <summary>Why the last attempt failed (the SMTP server's answer or the connection error), never the address.</summary>
    public string? LastError { get; set; }
}

public static class OutboxStates
{
    public const string Pending = "pending";
    public const string Sending = "sending";
    public const string Sent = "sent";
    public const string Failed = "failed";
    /// <summary>Not sent on purpose: the customer opted out, or the address was refused before.</summary>
    public const string Suppressed = "suppressed";

    public static readonly IReadOnlyList<string> All = [Pending, Sending, Sent, Failed, Suppressed];
}
