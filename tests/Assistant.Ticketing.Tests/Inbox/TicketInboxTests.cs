using Assistant.Ticketing.Inbox;
using Assistant.Ticketing.Tests.Support;
using Assistant.Ticketing.Tickets;

namespace Assistant.Ticketing.Tests.Inbox;

public sealed class TicketInboxTests : IDisposable
{
    // Monday 23 November 2026, 10:00 in Paris: Digisense is open 9:00–18:00 on weekdays.
    private readonly ManualClock _clock = new(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));
    private readonly TempDirectory _directory = new();
    private readonly TestTicketing _ticketing;
    private readonly TicketInbox _inbox;

    public TicketInboxTests()
    {
        _ticketing = new TestTicketing(_directory.DatabasePath, _clock);
        _inbox = new TicketInbox(_ticketing.Database, _clock);
    }

    public void Dispose()
    {
        _ticketing.Dispose();
        _directory.Dispose();
    }

    private Ticket File(string priority, string title = "Visio coupée", string operatorId = "digisense", string? email = null, bool quarantined = false) =>
        _ticketing.Tickets.Create(
            TestTicketing.SampleTicket(operatorId, title) with
            {
                Priority = priority,
                Quarantined = quarantined,
                Requester = new Requester { UserId = "user-" + Guid.NewGuid().ToString("N")[..6], Name = "Camille Martin", Email = email ?? "camille@example.com" },
            },
            TestTicketing.Requester);

    private List<string> References(InboxQuery query) => [.. _inbox.Page(query).Tickets.Select(t => t.Reference)];

    [Fact]
    public void The_inbox_lists_the_earliest_due_first_and_a_public_reply_moves_a_ticket_to_its_resolution_due_time()
    {
        var low = File("low");        // first response in 3 business days: Thursday
        var urgent = File("urgent");  // 4 business hours: today 14:00
        var normal = File("normal");  // 1 business day: Tuesday

        Assert.Equal([urgent.Reference, normal.Reference, low.Reference], References(new InboxQuery()));

        // The first public reply meets the first response; the urgent ticket's resolution is due Wednesday.
        _ticketing.Tickets.AddComment(urgent.Reference, new NewComment("Nous regardons.", Internal: false), TestTicketing.Agent);
        Assert.Equal([normal.Reference, urgent.Reference, low.Reference], References(new InboxQuery()));

        // An internal note is not a response.
        _ticketing.Tickets.AddComment(normal.Reference, new NewComment("À voir avec l'équipe.", Internal: true), TestTicketing.Agent);
        Assert.Equal([normal.Reference, urgent.Reference, low.Reference], References(new InboxQuery()));
    }

    [Fact]
    public void Pages_follow_one_another_without_gaps_and_say_when_another_follows()
    {
        var filed = Enumerable.Range(0, 7).Select(_ => File("normal")).Select(t => t.Reference).ToList();

        var first = _inbox.Page(new InboxQuery { PageSize = 3 });
        var second = _inbox.Page(new InboxQuery { PageSize = 3, Page = 2 });
        var third = _inbox.Page(new InboxQuery { PageSize = 3, Page = 3 });

        Assert.True(first.HasMore);
        Assert.True(second.HasMore);
        Assert.False(third.HasMore);
        Assert.Equal(filed, first.Tickets.Concat(second.Tickets).Concat(third.Tickets).Select(t => t.Reference));
    }

    [Fact]
    public void Filters_and_search_narrow_the_inbox_to_the_agent_s_operators()
    {
        var vroom = File("high", "Visio V-room coupée", email: "lea.dubois@example.com");
        var invoice = File("normal", "Facture en double");
        var other = File("high", "Visio V-room coupée", operatorId: "icosnet");
        _ticketing.Tickets.Update(invoice.Reference, new TicketPatch(AssigneeId: "agent-1", AssigneeName: "Agent One"), TestTicketing.Agent);
        var digisense = new[] { "digisense" };

        Assert.Equal([vroom.Reference, invoice.Reference], References(new InboxQuery { OperatorIds = digisense }));
        Assert.Equal([vroom.Reference], References(new InboxQuery { OperatorIds = digisense, Priority = "high" }));
        Assert.Equal([vroom.Reference], References(new InboxQuery { OperatorIds = digisense, Search = "v-room" }));
        Assert.Equal([vroom.Reference], References(new InboxQuery { OperatorIds = digisense, Search = "LEA.DUBOIS" }));
        Assert.Equal([invoice.Reference], References(new InboxQuery { OperatorIds = digisense, Search = "facture double" }));
        Assert.Empty(References(new InboxQuery { OperatorIds = digisense, Search = "facture wifi" }));
        Assert.Equal([invoice.Reference], References(new InboxQuery { OperatorIds = digisense, Search = invoice.Reference.ToLowerInvariant() }));
        Assert.Empty(References(new InboxQuery { OperatorIds = digisense, Search = other.Reference }));
        Assert.Equal([invoice.Reference], References(new InboxQuery { OperatorIds = digisense, Assignee = InboxAssignees.Mine, StaffId = "agent-1" }));
        Assert.Equal([vroom.Reference], References(new InboxQuery { OperatorIds = digisense, Assignee = InboxAssignees.Unassigned, StaffId = "agent-1" }));
        Assert.Equal([vroom.Reference, other.Reference], References(new InboxQuery { Priority = "high" }));
    }

    [Fact]
    public void Quarantined_tickets_are_apart_and_resolved_ones_leave_the_default_view()
    {
        var open = File("normal");
        var quarantined = File("normal", quarantined: true);
        var resolved = File("normal");
        _ticketing.Tickets.Update(resolved.Reference, new TicketPatch(Status: TicketStatuses.Resolved), TestTicketing.Agent);

        Assert.Equal([open.Reference], References(new InboxQuery()));
        Assert.Equal([quarantined.Reference], References(new InboxQuery { Quarantined = true }));
        Assert.Equal([open.Reference, resolved.Reference], References(new InboxQuery { Status = InboxStatuses.All }));
        Assert.Equal([resolved.Reference], References(new InboxQuery { Status = TicketStatuses.Resolved }));
    }

    [Fact]
    public void The_late_view_holds_the_breached_tickets_and_the_counts_follow_each_view()
    {
        var urgent = File("urgent");
        var normal = File("normal");
        var low = File("low");
        File("normal", quarantined: true);
        _ticketing.Tickets.Update(low.Reference, new TicketPatch(AssigneeId: "agent-1", AssigneeName: "Agent One"), TestTicketing.Agent);

        Assert.Empty(References(new InboxQuery { Late = true }));
        // Tuesday 12:00 in Paris: the urgent ticket (due Monday 14:00) and the normal one (due Tuesday 10:00) are late.
        _clock.Now = new DateTimeOffset(2026, 11, 24, 11, 0, 0, TimeSpan.Zero);

        Assert.Equal([urgent.Reference, normal.Reference], References(new InboxQuery { Late = true }));
        Assert.Equal(new InboxCounts(Active: 3, Mine: 1, Unassigned: 2, Late: 2, Quarantined: 1), _inbox.Counts(null, "agent-1"));
        Assert.Equal(new InboxCounts(0, 0, 0, 0, 0), _inbox.Counts(["icosnet"], "agent-1"));
    }

    [Fact]
    public void Counts_are_kept_until_a_ticket_changes_and_at_most_every_two_seconds_under_changes()
    {
        var empty = _inbox.Counts(null, "agent-1");
        File("normal");

        Assert.Equal(empty, _inbox.Counts(null, "agent-1"));
        Assert.Equal(1, _inbox.Counts(null, "agent-2").Active);
        _clock.Advance(TimeSpan.FromSeconds(3));
        Assert.Equal(1, _inbox.Counts(null, "agent-1").Active);
    }

    [Fact]
    public void The_default_order_and_the_late_view_walk_the_due_index()
    {
        File("normal");

        var byDue = _inbox.Plan(new InboxQuery { OperatorIds = ["digisense"], Priority = "normal", Search = "visio" });
        var late = _inbox.Plan(new InboxQuery { OperatorIds = ["digisense"], Late = true });

        Assert.Equal(TicketInbox.DueIndex, byDue["index"]["name"].AsString);
        Assert.Equal(TicketInbox.DueIndex, late["index"]["name"].AsString);
        // Walking the index in order, LiteDB needs no sort of the matching tickets.
        Assert.False(byDue.ContainsKey("orderBy"), byDue.ToString());
        Assert.NotEqual("FULL INDEX SCAN(InboxDue)", late["index"]["mode"].AsString);
    }

    [Theory]
    [InlineData("status", "done")]
    [InlineData("priority", "critical")]
    [InlineData("assignee", "someone")]
    [InlineData("sort", "oldest")]
    [InlineData("pageSize", "0")]
    [InlineData("page", "0")]
    public void A_value_outside_the_filters_names_its_field(string field, string value)
    {
        var query = field switch
        {
            "status" => new InboxQuery { Status = value },
            "priority" => new InboxQuery { Priority = value },
            "assignee" => new InboxQuery { Assignee = value },
            "sort" => new InboxQuery { Sort = value },
            "pageSize" => new InboxQuery { PageSize = int.Parse(value, System.Globalization.CultureInfo.InvariantCulture) },
            _ => new InboxQuery { Page = int.Parse(value, System.Globalization.CultureInfo.InvariantCulture) },
        };

        var error = Assert.Throws<InvalidTicketValueException>(() => _inbox.Page(query));

        Assert.Equal(field, error.Field);
    }
}
