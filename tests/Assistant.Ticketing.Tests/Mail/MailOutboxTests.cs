using Assistant.Ticketing.Mail;
using Assistant.Ticketing.Tests.Support;

namespace Assistant.Ticketing.Tests.Mail;

/// <summary>
/// The outbox and the address book on each provider (the subclasses below), reopened to check what is durable.
/// </summary>
public abstract class MailOutboxTests(TestStorage storage) : IDisposable
{
    protected static readonly TimeSpan Lease = TimeSpan.FromMinutes(1);
    protected static readonly DateTimeOffset Now = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    protected TestStorage Storage { get; } = storage;

    public void Dispose()
    {
        Storage.Dispose();
        GC.SuppressFinalize(this);
    }

    protected static OutboxMail Mail(string id, string userId = "dl_marie", DateTimeOffset? at = null) => new()
    {
        Id = id,
        OperatorId = "digisense",
        Kind = "reply",
        TicketReference = "DGS-2026-000001",
        ConversationId = "conv-1",
        UserId = userId,
        To = "marie.dupont@example.fr",
        Template = "MailReply",
        Values = new() { ["comment"] = "Pouvez-vous réessayer ?" },
        CreatedAt = at ?? Now,
        NextAttemptAt = at ?? Now,
    };

    [Fact]
    public void The_same_event_is_queued_once_and_a_taken_mail_is_not_taken_again_until_its_lease_ends()
    {
        var outbox = Storage.MailOutbox();

        Assert.True(outbox.Enqueue(Mail("comment:DGS-2026-000001:a1")));
        Assert.False(outbox.Enqueue(Mail("comment:DGS-2026-000001:a1")));

        var taken = outbox.TakeNext(Now, Lease);
        Assert.Equal((OutboxStates.Sending, 1), (taken?.State, taken?.Attempts));
        Assert.Null(outbox.TakeNext(Now.AddSeconds(30), Lease));

        // An attempt cut off (the process stopped during it) is taken again once its lease has run out.
        var again = outbox.TakeNext(Now.AddMinutes(2), Lease);
        Assert.Equal(2, again?.Attempts);
        outbox.MarkSent(again!.Id, Now.AddMinutes(2));
        Assert.Null(outbox.TakeNext(Now.AddDays(1), Lease));
        Assert.Equal(OutboxStates.Sent, outbox.Find(again.Id)!.State);
    }

    [Fact]
    public void A_mail_waiting_for_its_retry_is_kept_across_a_restart_and_taken_when_due()
    {
        var first = Storage.MailOutbox();
        first.Enqueue(Mail("receipt:DGS-2026-000001"));
        var taken = first.TakeNext(Now, Lease)!;
        first.MarkRetry(taken.Id, "SocketException: Connection refused", Now.AddSeconds(30));

        Storage.Reopen();
        var outbox = Storage.MailOutbox();
        Assert.Equal(Now.AddSeconds(30), outbox.NextDue());
        Assert.Null(outbox.TakeNext(Now.AddSeconds(10), Lease));
        var due = outbox.TakeNext(Now.AddSeconds(30), Lease);
        Assert.Equal(("receipt:DGS-2026-000001", 2, "SocketException: Connection refused"), (due?.Id, due?.Attempts, due?.LastError));
        Assert.Equal(("Pouvez-vous réessayer ?", "DGS-2026-000001", Now), (due!.Values["comment"], due.TicketReference, due.CreatedAt));
    }

    [Fact]
    public void Mails_are_taken_oldest_due_first_and_listed_newest_first_with_counts_per_state()
    {
        var outbox = Storage.MailOutbox();
        outbox.Enqueue(Mail("b", at: Now.AddMinutes(1)));
        outbox.Enqueue(Mail("a", at: Now));
        outbox.Enqueue(Mail("c", at: Now.AddMinutes(2)));

        Assert.Equal("a", outbox.TakeNext(Now.AddMinutes(5), Lease)?.Id);
        outbox.MarkFinal("a", OutboxStates.Failed, "address refused: 550 5.1.1");
        Assert.Equal(["c", "b", "a"], outbox.List(null, null, 10).Select(m => m.Id));
        Assert.Equal(["a"], outbox.List(OutboxStates.Failed, null, 10).Select(m => m.Id));
        Assert.Empty(outbox.List(null, ["icosnet"], 10));
        var counts = outbox.Counts(null);
        Assert.Equal((2, 1, 0), (counts[OutboxStates.Pending], counts[OutboxStates.Failed], counts[OutboxStates.Sent]));
    }

    [Fact]
    public void Erasure_deletes_the_users_unsent_mails_and_empties_the_address_and_text_of_the_others()
    {
        var outbox = Storage.MailOutbox();
        outbox.Enqueue(Mail("sent"));
        outbox.MarkSent(outbox.TakeNext(Now, Lease)!.Id, Now);
        outbox.Enqueue(Mail("pending", at: Now.AddMinutes(1)));
        outbox.Enqueue(Mail("someone-else", userId: "dl_other"));

        Assert.Equal(2, outbox.EraseUser("dl_marie"));

        Assert.Null(outbox.Find("pending"));
        var kept = outbox.Find("sent")!;
        Assert.Equal(("", "erased", 0), (kept.To, kept.UserId, kept.Values.Count));
        Assert.Equal("marie.dupont@example.fr", outbox.Find("someone-else")!.To);
    }

    [Fact]
    public void Opt_outs_and_refusals_are_kept_per_operator_as_hashes_and_erasure_keeps_the_opt_out_without_the_user()
    {
        var book = Storage.MailAddressBook();
        var key = MailAddressKey.Of(" Marie.Dupont@Example.fr ");
        Assert.Equal(MailAddressKey.Of("marie.dupont@example.fr"), key);
        Assert.Null(book.Refused("digisense", key));
        Assert.DoesNotContain("marie", key, StringComparison.Ordinal);

        book.OptOut("digisense", key, "dl_marie", "link", Now);
        book.MarkRefused("digisense", key, "dl_marie", "DGS-2026-000001", "550 5.1.1 Mailbox unavailable", Now);
        Assert.True(book.IsOptedOut("digisense", key));
        Assert.False(book.IsOptedOut("icosnet", key));
        Assert.Single(book.UnaskedRefusals("digisense", "dl_marie"));
        book.MarkAsked("digisense", key, Now);
        Assert.Empty(book.UnaskedRefusals("digisense", "dl_marie"));
        Assert.Single(book.AskedRefusals("digisense", "dl_marie"));

        Assert.Equal(("DGS-2026-000001", "550 5.1.1 Mailbox unavailable"), (book.Refused("digisense", key)?.TicketReference, book.Refused("digisense", key)?.Reason));

        Assert.Equal(2, book.EraseUser("dl_marie"));
        Assert.True(book.IsOptedOut("digisense", key));
        Assert.Null(book.Refused("digisense", key));
    }

    [Fact]
    public void A_refusal_forgotten_for_a_new_address_is_gone_and_a_new_refusal_is_asked_about_again()
    {
        var book = Storage.MailAddressBook();
        var old = MailAddressKey.Of("marie@example.fr");
        book.MarkRefused("digisense", old, "dl_marie", null, "550 5.1.1", Now);
        book.MarkAsked("digisense", old, Now);
        book.MarkRefused("digisense", old, "dl_marie", "DGS-2026-000002", "550 5.1.1", Now.AddDays(1));
        Assert.Single(book.UnaskedRefusals("digisense", "dl_marie"));

        book.ForgetRefusal("digisense", old);

        Assert.Null(book.Refused("digisense", old));
        Assert.Empty(book.UnaskedRefusals("digisense", "dl_marie"));
        Assert.Empty(book.AskedRefusals("digisense", "dl_marie"));
    }
}

public sealed class LiteDbMailOutboxTests() : MailOutboxTests(new LiteDbTestStorage());

public sealed class PostgresMailOutboxTests() : MailOutboxTests(new PostgresTestStorage())
{
    [Fact]
    public async Task Senders_on_several_instances_take_every_due_mail_exactly_onceAsync()
    {
        var outbox = Storage.MailOutbox();
        for (var i = 0; i < 40; i++)
        {
            outbox.Enqueue(Mail($"receipt:DGS-2026-{i:D6}", at: Now.AddSeconds(i)));
        }

        var senders = Enumerable.Range(0, 4).Select(_ => new PostgresMailOutbox(((PostgresTestStorage)Storage).OpenInstance())).ToList();
        using var start = new Barrier(senders.Count);
        var taken = await Task.WhenAll(senders.Select(sender => Task.Run(() =>
        {
            start.SignalAndWait();
            var mine = new List<string>();
            while (sender.TakeNext(Now.AddMinutes(1), Lease) is { } mail)
            {
                mine.Add(mail.Id);
                sender.MarkSent(mail.Id, Now.AddMinutes(1));
            }

            return mine;
        })));

        var all = taken.SelectMany(t => t).ToList();
        Assert.Equal(40, all.Count);
        Assert.Equal(40, all.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(40, outbox.Counts(null)[OutboxStates.Sent]);
        Assert.All(outbox.List(null, null, 100), m => Assert.Equal(1, m.Attempts));
    }
}
