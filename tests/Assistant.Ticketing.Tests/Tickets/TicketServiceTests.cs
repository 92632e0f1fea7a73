using Assistant.Ticketing.Tests.Support;
using Assistant.Ticketing.Tickets;

namespace Assistant.Ticketing.Tests.Tickets;

public sealed class TicketServiceTests : IDisposable
{
    private readonly TempDirectory _directory = new();
    private readonly ManualClock _clock = new(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));
    private readonly RecordingEvents _events = new();
    private readonly TestTicketing _ticketing;

    public TicketServiceTests() => _ticketing = new TestTicketing(_directory.DatabasePath, _clock, _events);

    private TicketService Service => _ticketing.Tickets;

    public void Dispose()
    {
        _ticketing.Dispose();
        _directory.Dispose();
    }

    [Fact]
    public void A_new_ticket_gets_the_operator_prefix_the_year_and_a_running_number()
    {
        var first = Service.Create(TestTicketing.SampleTicket(), TestTicketing.Requester);
        var second = Service.Create(TestTicketing.SampleTicket(), TestTicketing.Requester);
        var other = Service.Create(TestTicketing.SampleTicket("icosnet"), TestTicketing.Requester);

        Assert.Equal("DGS-2026-000001", first.Reference);
        Assert.Equal("DGS-2026-000002", second.Reference);
        Assert.Equal("ICN-2026-000001", other.Reference);
        Assert.Equal(TicketStatuses.New, first.Status);
        Assert.Equal(_clock.Now, first.CreatedAt);
    }

    [Fact]
    public void The_year_of_the_reference_is_the_operator_local_year()
    {
        // 31 December 23:30 UTC is already 1 January in Paris.
        _clock.Now = new DateTimeOffset(2026, 12, 31, 23, 30, 0, TimeSpan.Zero);

        var ticket = Service.Create(TestTicketing.SampleTicket(), TestTicketing.Requester);

        Assert.Equal("DGS-2027-000001", ticket.Reference);
    }

    [Fact]
    public void A_created_ticket_is_found_by_reference_with_all_it_was_given()
    {
        var created = Service.Create(TestTicketing.SampleTicket() with { ContractTier = "premium" }, TestTicketing.Requester);

        var found = Service.Find(created.Reference.ToLowerInvariant());

        Assert.NotNull(found);
        Assert.Equal("Visio V-room coupée", found.Title);
        Assert.Equal("camille.martin@example.com", found.Requester.Email);
        Assert.Equal("conv-1", found.ConversationId);
        Assert.Equal(created.CreatedAt, found.CreatedAt);
        Assert.Equal(TimeSpan.Zero, found.CreatedAt.Offset);
        // high × premium: first response within 2 business hours, from Monday 10:00 Paris.
        Assert.Equal(new DateTimeOffset(2026, 11, 23, 11, 0, 0, TimeSpan.Zero), found.Sla.FirstResponseDue);
        Assert.Equal("status", Assert.Single(found.History).Field);
    }

    [Fact]
    public void An_unknown_reference_is_not_found()
    {
        Assert.Null(Service.Find("DGS-2026-999999"));
        Assert.Throws<TicketNotFoundException>(() => Service.Update("DGS-2026-999999", new TicketPatch(Status: "open"), TestTicketing.Agent));
    }

    [Theory]
    [InlineData("Urgent", "incident", "vroom", "priority")]
    [InlineData("high", "bug", "vroom", "category")]
    [InlineData("high", "incident", "teams", "product")]
    public void Values_outside_the_taxonomy_are_refused_and_nothing_is_stored(string priority, string category, string product, string field)
    {
        var request = TestTicketing.SampleTicket() with { Priority = priority, Category = category, Product = product };

        var error = Assert.Throws<InvalidTicketValueException>(() => Service.Create(request, TestTicketing.Requester));

        Assert.Equal(field, error.Field);
        Assert.Empty(Service.Query(new TicketQuery()));
    }

    [Fact]
    public void An_empty_title_and_an_unknown_operator_are_refused()
    {
        Assert.Equal("title", Assert.Throws<InvalidTicketValueException>(() => Service.Create(TestTicketing.SampleTicket(title: "  "), TestTicketing.Requester)).Field);
        Assert.Equal("operatorId", Assert.Throws<InvalidTicketValueException>(() => Service.Create(TestTicketing.SampleTicket("nobody"), TestTicketing.Requester)).Field);
    }

    [Fact]
    public void A_flagged_ticket_is_created_in_quarantine()
    {
        var ticket = Service.Create(TestTicketing.SampleTicket() with { Quarantined = true }, Actor.System("moderation"));

        Assert.Equal(TicketStatuses.Quarantined, ticket.Status);
    }

    [Fact]
    public void Status_changes_follow_the_workflow_and_are_kept_in_the_history()
    {
        var ticket = Service.Create(TestTicketing.SampleTicket(), TestTicketing.Requester);
        _clock.Advance(TimeSpan.FromMinutes(5));

        Service.Update(ticket.Reference, new TicketPatch(Status: "open"), TestTicketing.Agent);
        Service.Update(ticket.Reference, new TicketPatch(Status: "resolved"), TestTicketing.Agent);
        var reopened = Service.Update(ticket.Reference, new TicketPatch(Status: "open"), TestTicketing.Requester);

        Assert.Equal(TicketStatuses.Open, Service.Find(ticket.Reference)!.Status);
        Assert.Equal(
            [(null, "new", "user-1"), ("new", "open", "agent-1"), ("open", "resolved", "agent-1"), ("resolved", "open", "user-1")],
            reopened.History.Select(h => (h.From, h.To, h.ActorId)));
        Assert.Equal(_clock.Now, reopened.UpdatedAt);
    }

    [Fact]
    public void An_invalid_transition_is_refused_and_the_ticket_is_unchanged()
    {
        var ticket = Service.Create(TestTicketing.SampleTicket(), TestTicketing.Requester);
        Service.Update(ticket.Reference, new TicketPatch(Status: "open"), TestTicketing.Agent);
        Service.Update(ticket.Reference, new TicketPatch(Status: "resolved"), TestTicketing.Agent);
        Service.Update(ticket.Reference, new TicketPatch(Status: "closed"), TestTicketing.Agent);

        var error = Assert.Throws<InvalidTicketTransitionException>(
            () => Service.Update(ticket.Reference, new TicketPatch(Status: "open", Priority: "urgent"), TestTicketing.Agent));

        Assert.Equal(("closed", "open"), (error.From, error.To));
        var stored = Service.Find(ticket.Reference)!;
        Assert.Equal(("closed", "high"), (stored.Status, stored.Priority));
    }

    [Fact]
    public void An_unknown_status_is_a_bad_value_not_a_transition()
    {
        var ticket = Service.Create(TestTicketing.SampleTicket(), TestTicketing.Requester);

        Assert.Equal("status", Assert.Throws<InvalidTicketValueException>(() => Service.Update(ticket.Reference, new TicketPatch(Status: "done"), TestTicketing.Agent)).Field);
    }

    [Fact]
    public void A_priority_change_by_an_agent_moves_the_due_times_and_records_who_decided()
    {
        var ticket = Service.Create(TestTicketing.SampleTicket(), TestTicketing.Requester);
        _clock.Advance(TimeSpan.FromHours(1));

        var updated = Service.Update(ticket.Reference, new TicketPatch(Priority: "urgent"), TestTicketing.Agent);

        Assert.Equal("agent:agent-1", updated.PriorityDecidedBy);
        // urgent × none: first response within 4 business hours of creation (Monday 10:00 Paris).
        Assert.Equal(new DateTimeOffset(2026, 11, 23, 13, 0, 0, TimeSpan.Zero), updated.Sla.FirstResponseDue);
        Assert.Contains(updated.History, h => h is { Field: "priority", From: "high", To: "urgent" });
    }

    [Fact]
    public void Comments_keep_their_visibility_and_only_public_agent_comments_reach_the_requester()
    {
        var ticket = Service.Create(TestTicketing.SampleTicket(), TestTicketing.Requester);

        Service.AddComment(ticket.Reference, new NewComment("Client rappelé, attente logs", Internal: true), TestTicketing.Agent);
        var updated = Service.AddComment(ticket.Reference, new NewComment("Pouvez-vous redémarrer le boîtier ?", Internal: false), TestTicketing.Agent);

        Assert.Equal([true, false], updated.Comments.Select(c => c.Internal));
        var commentEvents = _events.Changes.Where(c => c.Kind == "comment").ToList();
        Assert.Equal([null, "Pouvez-vous redémarrer le boîtier ?"], commentEvents.Select(c => c.PublicComment));
        Assert.Equal(_clock.Now, updated.Sla.FirstResponseAt);
    }

    [Fact]
    public void A_requester_cannot_write_an_internal_note()
    {
        var ticket = Service.Create(TestTicketing.SampleTicket(), TestTicketing.Requester);

        Assert.Throws<InvalidTicketValueException>(() => Service.AddComment(ticket.Reference, new NewComment("psst", Internal: true), TestTicketing.Requester));
        Assert.Empty(Service.Find(ticket.Reference)!.Comments);
    }

    [Fact]
    public void Attachments_are_kept_with_the_ticket()
    {
        var ticket = Service.Create(TestTicketing.SampleTicket(), TestTicketing.Requester);

        Service.AddAttachment(ticket.Reference, new TicketAttachment { Name = "capture.png", ContentType = "image/png", Url = "/uploads/abc", Size = 1234 }, TestTicketing.Requester);

        Assert.Equal("capture.png", Assert.Single(Service.Find(ticket.Reference)!.Attachments).Name);
    }

    [Fact]
    public void Queries_filter_by_operator_conversation_user_and_status_newest_first()
    {
        var a = Service.Create(TestTicketing.SampleTicket(userId: "u-a", conversationId: "c-a"), TestTicketing.Requester);
        var b = Service.Create(TestTicketing.SampleTicket(userId: "u-b", conversationId: "c-b"), TestTicketing.Requester);
        var c = Service.Create(TestTicketing.SampleTicket("icosnet", userId: "u-a", conversationId: "c-c"), TestTicketing.Requester);
        Service.Update(b.Reference, new TicketPatch(Status: "open"), TestTicketing.Agent);

        Assert.Equal([c.Reference, a.Reference], Service.Query(new TicketQuery(RequesterUserId: "u-a")).Select(t => t.Reference));
        Assert.Equal([b.Reference], Service.Query(new TicketQuery(ConversationId: "c-b")).Select(t => t.Reference));
        Assert.Equal([b.Reference], Service.Query(new TicketQuery(OperatorId: "digisense", Status: "open")).Select(t => t.Reference));
        Assert.Equal([c.Reference], Service.Query(new TicketQuery { OperatorIds = ["icosnet"] }).Select(t => t.Reference));
        Assert.Equal(2, Service.Query(new TicketQuery(Limit: 2)).Count);
    }

    [Fact]
    public void Every_stored_change_is_told_to_the_listener()
    {
        var ticket = Service.Create(TestTicketing.SampleTicket(), TestTicketing.Requester);
        Service.Update(ticket.Reference, new TicketPatch(Status: "open"), TestTicketing.Agent);
        Service.Update(ticket.Reference, new TicketPatch(Category: "access"), TestTicketing.Agent);
        Service.Update(ticket.Reference, new TicketPatch(Category: "access"), TestTicketing.Agent);

        Assert.Equal(["created", "status", "updated"], _events.Changes.Select(c => c.Kind));
    }

    [Fact]
    public void A_failing_listener_does_not_undo_or_fail_the_change()
    {
        using var directory = new TempDirectory();
        using var ticketing = new TestTicketing(directory.DatabasePath, events: new ThrowingEvents());

        var ticket = ticketing.Tickets.Create(TestTicketing.SampleTicket(), TestTicketing.Requester);

        Assert.NotNull(ticketing.Tickets.Find(ticket.Reference));
    }

    private sealed class ThrowingEvents : ITicketEvents
    {
        public void OnChanged(TicketChanged change) => throw new InvalidOperationException("chat is down");
    }
}
