namespace Assistant.Ticketing.Mail;

/// <summary>Opt-outs and refused addresses in <c>mail.db</c>, keyed by operator and address hash.</summary>
public sealed class LiteDbMailAddressBook(MailDatabase database) : IMailAddressBook
{
    public void OptOut(string operatorId, string addressKey, string userId, string source, DateTimeOffset at) =>
        database.OptOuts.Upsert(new MailOptOut { Id = Key(operatorId, addressKey), OperatorId = operatorId, AddressKey = addressKey, UserId = userId, Source = source, At = at });

    public bool IsOptedOut(string operatorId, string addressKey) => database.OptOuts.FindById(Key(operatorId, addressKey)) is not null;

    public void MarkRefused(string operatorId, string addressKey, string userId, string? ticketReference, string reason, DateTimeOffset at) =>
        database.Refused.Upsert(new RefusedAddress
        {
            Id = Key(operatorId, addressKey),
            OperatorId = operatorId,
            AddressKey = addressKey,
            UserId = userId,
            TicketReference = ticketReference,
            Reason = reason,
            At = at,
        });

    public RefusedAddress? Refused(string operatorId, string addressKey) => database.Refused.FindById(Key(operatorId, addressKey));

    public IReadOnlyList<RefusedAddress> UnaskedRefusals(string operatorId, string userId) =>
        database.Refused.Find(r => r.UserId == userId && r.OperatorId == operatorId && r.AskedAt == null).ToList();

    public IReadOnlyList<RefusedAddress> AskedRefusals(string operatorId, string userId) =>
        database.Refused.Find(r => r.UserId == userId && r.OperatorId == operatorId && r.AskedAt != null).ToList();

    public void MarkAsked(string operatorId, string addressKey, DateTimeOffset at)
    {
        if (database.Refused.FindById(Key(operatorId, addressKey)) is { } refused)
        {
            refused.AskedAt = at;
            database.Refused.Update(refused);
        }
    }

    public void ForgetRefusal(string operatorId, string addressKey) => database.Refused.Delete(Key(operatorId, addressKey));

    public int EraseUser(string userId)
    {
        var count = 0;
        foreach (var optOut in database.OptOuts.Find(o => o.UserId == userId).ToList())
        {
            optOut.UserId = null;
            database.OptOuts.Update(optOut);
            count++;
        }

        return count + database.Refused.DeleteMany(r => r.UserId == userId);
    }

    private static string Key(string operatorId, string addressKey) => $"{operatorId}|{addressKey}";
}
