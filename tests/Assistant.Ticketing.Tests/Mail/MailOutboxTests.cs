using Assistant.Ticketing.Mail;
using Assistant.Ticketing.Tests.Support;

namespace Assistant.Ticketing.Tests.Mail;

/// <summary>The outbox and the address book on a real <c>mail.db</c>, reopened to check what is durable.</summary>
public sealed class MailOutboxTests : IDisposable
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(1);
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    private static OutboxMail Mail(string id, string userId = "dl_marie", DateTimeOffset? at = null) => new()
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
        using var database = new MailDatabase(_directory.Path);
        var outbox = new LiteDbMailOutbox(database);

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
        using (var database = new MailDatabase(_directory.Path))
        {
            var outbox = new LiteDbMailOutbox(database);
            outbox.Enqueue(Mail("receipt:DGS-2026-000001"));
            var taken = outbox.TakeNext(Now, Lease)!;
            outbox.MarkRetry(taken.Id, "SocketException: Connection refused", Now.AddSeconds(30));
        }

        using (var database = new MailDatabase(_directory.Path))
        {
            var outbox = new LiteDbMailOutbox(database);
            Assert.Equal(Now.AddSeconds(30), outbox.NextDue());
            Assert.Null(outbox.TakeNext(Now.AddSeconds(10), Lease));
            var due = outbox.TakeNext(Now.AddSeconds(30), Lease);
            Assert.Equal(("receipt:DGS-2026-000001", 2, "SocketException: Connection refused"), (due?.Id, due?.Attempts, due?.LastError));
        }
    }

    [Fact]
    public void Mails_are_taken_oldest_due_first_and_listed_newest_first_with_counts_per_state()
    {
        using var database = new MailDatabase(_directory.Path);
        var outbox = new LiteDbMailOutbox(database);
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
        using var database = new MailDatabase(_directory.Path);
        var outbox = new LiteDbMailOutbox(database);
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
        using var database = new MailDatabase(_directory.Path);
        var book = new LiteDbMailAddressBook(database);
        var key = MailAddressKey.Of(" Marie.Dupont@Example.fr ");
        Assert.Equal(MailAddressKey.Of("marie.dupont@example.fr"), key);
        Assert.DoesNotContain("marie", key, StringComparison.Ordinal);

        book.OptOut("digisense", key, "dl_marie", "link", Now);
        book.MarkRefused("digisense", key, "dl_marie", "DGS-2026-000001", "550 5.1.1 Mailbox unavailable", Now);
        Assert.True(book.IsOptedOut("digisense", key));
        Assert.False(book.IsOptedOut("icosnet", key));
        Assert.Single(book.UnaskedRefusals("digisense", "dl_marie"));
        book.MarkAsked("digisense", key, Now);
        Assert.Empty(book.UnaskedRefusals("digisense", "dl_marie"));
        Assert.Single(book.AskedRefusals("digisense", "dl_marie"));

        book.EraseUser("dl_marie");
        Assert.True(book.IsOptedOut("digisense", key));
        Assert.Null(book.Refused("digisense", key));
    }
}
