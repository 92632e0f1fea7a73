namespace Assistant.Ticketing.Mail;

/// <summary>
/// The outbox in <c>mail.db</c>. Every change is one LiteDB transaction under one lock, so taking a mail (pending →
/// sending) is atomic: two senders never take the same mail, and a mail marked sent is never taken again.
/// </summary>
public sealed class LiteDbMailOutbox(MailDatabase database) : IMailOutbox
{
    private readonly Lock _gate = new();

    public bool Enqueue(OutboxMail mail)
    {
        ArgumentNullException.ThrowIfNull(mail);
        ArgumentException.ThrowIfNullOrWhiteSpace(mail.Id);
        lock (_gate)
        {
            return database.InTransaction(() =>
            {
                if (database.Outbox.FindById(mail.Id) is not null)
                {
                    return false;
                }

                database.Outbox.Insert(mail);
                return true;
            });
        }
    }

    public OutboxMail? TakeNext(DateTimeOffset now, TimeSpan lease)
    {
        lock (_gate)
        {
            return database.InTransaction(() =>
            {
                var stale = now - lease;
                var mail = database.Outbox.Query()
                    .Where(m => (m.State == OutboxStates.Pending && m.NextAttemptAt <= now) || (m.State == OutboxStates.Sending && m.SendingSince <= stale))
                    .OrderBy(m => m.NextAttemptAt)
                    .FirstOrDefault();
                if (mail is null)
                {
                    return null;
                }

                mail.State = OutboxStates.Sending;
                mail.SendingSince = now;
                mail.Attempts++;
                database.Outbox.Update(mail);
                return mail;
            });
        }
    }

    public DateTimeOffset? NextDue()
    {
        var next = database.Outbox.Query().Where(m => m.State == OutboxStates.Pending).OrderBy(m => m.NextAttemptAt).FirstOrDefault();
        return next?.NextAttemptAt;
    }

    public void MarkSent(string id, DateTimeOffset at) => Change(id, mail =>
    {
        mail.State = OutboxStates.Sent;
        mail.SentAt = at;
        mail.SendingSince = null;
        mail.LastError = null;
    });

    public void MarkRetry(string id, string error, DateTimeOffset next) => Change(id, mail =>
    {
        mail.State = OutboxStates.Pending;
        mail.SendingSince = null;
        mail.LastError = error;
        mail.NextAttemptAt = next;
    });

    public void MarkFinal(string id, string state, string reason) => Change(id, mail =>
    {
        mail.State = state;
        mail.SendingSince = null;
        mail.LastError = reason;
    });

    public OutboxMail? Find(string id) => database.Outbox.FindById(id);

    public IReadOnlyList<OutboxMail> List(string? state, IReadOnlyCollection<string>? operatorIds, int limit)
    {
        var query = database.Outbox.Query();
        if (state is not null)
        {
            query = query.Where(m => m.State == state);
        }

        var mails = query.OrderByDescending(m => m.CreatedAt).ToEnumerable();
        if (operatorIds is not null)
        {
            mails = mails.Where(m => operatorIds.Contains(m.OperatorId));
        }

        return mails.Take(Math.Clamp(limit, 1, 500)).ToList();
    }

    public IReadOnlyDictionary<string, int> Counts(IReadOnlyCollection<string>? operatorIds)
    {
        var counts = OutboxStates.All.ToDictionary(s => s, _ => 0, StringComparer.Ordinal);
        foreach (var state in OutboxStates.All)
        {
            var ofState = database.Outbox.Query().Where(m => m.State == state);
            counts[state] = operatorIds is null
                ? ofState.Count()
                : ofState.Select(m => m.OperatorId).ToEnumerable().Count(operatorIds.Contains);
        }

        return counts;
    }

    public int EraseUser(string userId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userId);
        lock (_gate)
        {
            return database.InTransaction(() =>
            {
                var mails = database.Outbox.Find(m => m.UserId == userId).ToList();
                foreach (var mail in mails)
                {
                    if (mail.State is OutboxStates.Pending or OutboxStates.Sending)
                    {
                        database.Outbox.Delete(mail.Id);
                        continue;
                    }

                    mail.To = "";
                    mail.UserId = "erased";
                    mail.ConversationId = "";
                    mail.Values = [];
                    database.Outbox.Update(mail);
                }

                return mails.Count;
            });
        }
    }

    private void Change(string id, Action<OutboxMail> change)
    {
        lock (_gate)
        {
            database.InTransaction(() =>
            {
                var mail = database.Outbox.FindById(id) ?? throw new KeyNotFoundException($"No mail '{id}' in the outbox.");
                change(mail);
                return database.Outbox.Update(mail);
            });
        }
    }
}
