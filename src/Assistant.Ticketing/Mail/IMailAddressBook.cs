namespace Assistant.Ticketing.Mail;

/// <summary>
/// What the outbox must know about addresses before it writes: who asked for no e-mail (per operator) and which
/// addresses the mail server refused. Addresses are kept only as <see cref="MailAddressKey"/> hashes.
/// </summary>
public interface IMailAddressBook
{
    /// <summary>The customer asked for no more e-mail from this operator (in the chat or with the unsubscribe link).</summary>
    void OptOut(string operatorId, string addressKey, string userId, string source, DateTimeOffset at);

    bool IsOptedOut(string operatorId, string addressKey);

    /// <summary>The mail server refused the address (a 5xx answer to RCPT TO).</summary>
    void MarkRefused(string operatorId, string addressKey, string userId, string? ticketReference, string reason, DateTimeOffset at);

    /// <summary>The refusal of an address, or null when it was never refused.</summary>
    RefusedAddress? Refused(string operatorId, string addressKey);

    /// <summary>The refusals of one user's addresses with this operator that the assistant has not asked about yet.</summary>
    IReadOnlyList<RefusedAddress> UnaskedRefusals(string operatorId, string userId);

    /// <summary>The refusals of one user's addresses with this operator that the assistant asked about, not answered yet.</summary>
    IReadOnlyList<RefusedAddress> AskedRefusals(string operatorId, string userId);

    /// <summary>The assistant asked the customer for another address.</summary>
    void MarkAsked(string operatorId, string addressKey, DateTimeOffset at);

    /// <summary>A new address replaces a refused one: the refusal is forgotten.</summary>
    void ForgetRefusal(string operatorId, string addressKey);

    /// <summary>Data erasure: the user id leaves every record; opt-outs stay as hashes so an erased customer is not written to again.</summary>
    int EraseUser(string userId);
}

public sealed class MailOptOut
{
    /// <summary><c>operator|addressKey</c>.</summary>
    public string Id { get; set; } = "";
    public string OperatorId { get; set; } = "";
    public string AddressKey { get; set; } = "";
    public string? UserId { get; set; }
    /// <summary><c>chat</c> or <c>link</c>.</summary>
    public string Source { get; set; } = "";
    public DateTimeOffset At { get; set; }
}

public sealed class RefusedAddress
{
    /// <summary><c>operator|addressKey</c>.</summary>
    public string Id { get; set; } = "";
    public string OperatorId { get; set; } = "";
    public string AddressKey { get; set; } = "";
    public string? UserId { get; set; }
    public string? TicketReference { get; set; }
    /// <summary>The server's answer, e.g. <c>550 5.1.1 User unknown</c>.</summary>
    public string Reason { get; set; } = "";
    public DateTimeOffset At { get; set; }
    public DateTimeOffset? AskedAt { get; set; }
}

/// <summary>The stored form of an address: a SHA-256 of its trimmed lower-case text, so the lists hold no address.</summary>
public static class MailAddressKey
{
    public static string Of(string address) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(address.Trim().ToLowerInvariant())));
}
