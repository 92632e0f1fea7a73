using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Assistant.Bot.Channel.Storage;
using Assistant.Bot.Tests.Auth;
using Assistant.Ticketing.Staff;
using Assistant.Ticketing.Tickets;
using Microsoft.Extensions.DependencyInjection;

namespace Assistant.Bot.Tests.Tickets;

public sealed class TicketsApiTests : IClassFixture<StaffApiFactory>
{
    private const string AgentEmail = "agent.dgs@example.com";
    private const string AgentPassword = "agent-password-1";
    private readonly StaffApiFactory _factory;

    public TicketsApiTests(StaffApiFactory factory)
    {
        _factory = factory;
        _ = factory.Services; // starts the host: database, demo customers, first admin
        if (factory.Services.GetService(typeof(IStaffStore)) is IStaffStore staff && staff.FindByEmail(AgentEmail) is null)
        {
            factory.AddStaff(AgentEmail, AgentPassword, StaffRoles.Agent, disabled: false, "digisense");
        }
    }

    private Ticket NewTicket(string operatorId = "digisense", string? conversationId = null, string? userId = null) =>
        _factory.Tickets.Create(
            new NewTicket(
                operatorId,
                "Facture en double",
                "J'ai été prélevé deux fois pour la facture de novembre.",
                "billing",
                "client-space",
                "normal",
                "model",
                new Requester { UserId = userId ?? "user-" + Guid.NewGuid().ToString("N")[..8], Name = "Léa Dubois", Email = "lea.dubois@example.com", Phone = "+33 1 23 45 67 89", CustomerNumber = "DGS-C1003" },
                conversationId ?? "conv-" + Guid.NewGuid().ToString("N")[..8]),
            new Actor("requester", "user-1"));

    [Fact]
    public async Task Only_a_quarantined_ticket_is_deleted_by_an_agent_of_its_operator_and_the_deletion_is_auditedAsync()
    {
        var quarantined = _factory.Tickets.Update(NewTicket().Reference, new TicketPatch(Status: TicketStatuses.Quarantined), new Actor("system", "moderation"));
        var open = NewTicket();
        var elsewhere = _factory.Tickets.Update(NewTicket("icosnet").Reference, new TicketPatch(Status: TicketStatuses.Quarantined), new Actor("system", "moderation"));
        var agent = await _factory.ClientForAsync(AgentEmail, AgentPassword);

        using var refused = await agent.DeleteAsync($"/api/tickets/{open.Reference}");
        using var hidden = await agent.DeleteAsync($"/api/tickets/{elsewhere.Reference}");
        using var unknown = await agent.DeleteAsync("/api/tickets/DGS-2026-999999");
        using var deleted = await agent.DeleteAsync($"/api/tickets/{quarantined.Reference}");
        using var again = await agent.DeleteAsync($"/api/tickets/{quarantined.Reference}");

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.NotNull(_factory.Tickets.Find(open.Reference));
        Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
        Assert.NotNull(_factory.Tickets.Find(elsewhere.Reference));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Null(_factory.Tickets.Find(quarantined.Reference));
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        var audit = _factory.Services.GetRequiredService<Assistant.Bot.Admin.Audit.AuditLog>()
            .Search(new Assistant.Bot.Admin.Audit.AuditQuery(Action: "http.DELETE", Text: quarantined.Reference));
        Assert.Single(audit);
    }

    [Fact]
    public async Task A_ticket_reads_with_the_documented_shapeAsync()
    {
        var ticket = NewTicket();
        var client = await _factory.AdminClientAsync();

        using var body = JsonDocument.Parse(await client.GetStringAsync($"/api/tickets/{ticket.Reference}"));

        var root = body.RootElement;
        foreach (var key in new[] { "reference", "status", "priority", "category", "product", "title", "description", "requester", "conversationId", "createdAt", "sla", "comments", "history", "attachments" })
        {
            Assert.True(root.TryGetProperty(key, out _), $"missing {key}");
        }

        Assert.Equal(ticket.Reference, root.GetProperty("reference").GetString());
        Assert.Equal("DGS-C1003", root.GetProperty("requester").GetProperty("customerNumber").GetString());
        Assert.Equal("+33 1 23 45 67 89", root.GetProperty("requester").GetProperty("phone").GetString());
        // normal × none: first response within 1 business day, resolution within 5.
        Assert.Equal("1d", root.GetProperty("sla").GetProperty("firstResponseTarget").GetString());
        Assert.Equal("5d", root.GetProperty("sla").GetProperty("resolutionTarget").GetString());
    }

    [Fact]
    public async Task An_agent_lists_only_the_tickets_of_their_operators_and_an_admin_lists_allAsync()
    {
        var conversation = "conv-shared-" + Guid.NewGuid().ToString("N")[..8];
        var mine = NewTicket("digisense", conversation);
        var other = NewTicket("icosnet", conversation);
        var agent = await _factory.ClientForAsync(AgentEmail, AgentPassword);
        var admin = await _factory.AdminClientAsync();

        var seenByAgent = await agent.GetFromJsonAsync<List<JsonElement>>($"/api/tickets?conversationId={conversation}");
        var seenByAdmin = await admin.GetFromJsonAsync<List<JsonElement>>($"/api/tickets?conversationId={conversation}");

        Assert.Equal([mine.Reference], seenByAgent!.Select(t => t.GetProperty("reference").GetString()));
        Assert.Equal([other.Reference, mine.Reference], seenByAdmin!.Select(t => t.GetProperty("reference").GetString()));
        Assert.False(seenByAgent![0].TryGetProperty("comments", out _));
        Assert.Equal(HttpStatusCode.Forbidden, (await agent.GetAsync("/api/tickets?operator=icosnet")).StatusCode);
    }

    [Fact]
    public async Task A_chat_conversation_s_tickets_are_listed_through_its_user_and_one_filed_under_another_user_still_showsAsync()
    {
        var conversation = "conv-chat-" + Guid.NewGuid().ToString("N")[..8];
        var user = "dl_" + Guid.NewGuid().ToString("N")[..8];
        var chats = _factory.Services.GetRequiredService<ConversationStore>();
        Assert.True(await chats.TryCreateAsync(conversation, user, "digisense", "fr-FR"));
        var filed = NewTicket("digisense", conversation, user);
        _ = NewTicket("digisense", userId: user); // the same user, another conversation
        var agent = await _factory.ClientForAsync(AgentEmail, AgentPassword);

        var listed = await agent.GetFromJsonAsync<List<JsonElement>>($"/api/tickets?conversationId={conversation}");
        var other = "conv-chat-" + Guid.NewGuid().ToString("N")[..8];
        Assert.True(await chats.TryCreateAsync(other, user, "digisense", "fr-FR"));
        var underAnother = NewTicket("digisense", other, "someone-else");
        var listedOther = await agent.GetFromJsonAsync<List<JsonElement>>($"/api/tickets?conversationId={other}");

        Assert.Equal([filed.Reference], listed!.Select(t => t.GetProperty("reference").GetString()));
        Assert.Equal([underAnother.Reference], listedOther!.Select(t => t.GetProperty("reference").GetString()));
    }

    [Fact]
    public async Task Another_operator_s_ticket_is_not_found_for_an_agent_whatever_the_verbAsync()
    {
        var other = NewTicket("icosnet");
        var agent = await _factory.ClientForAsync(AgentEmail, AgentPassword);

        Assert.Equal(HttpStatusCode.NotFound, (await agent.GetAsync($"/api/tickets/{other.Reference}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await agent.PatchAsJsonAsync($"/api/tickets/{other.Reference}", new { status = "open" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await agent.PostAsJsonAsync($"/api/tickets/{other.Reference}/comments", new { text = "hello", @internal = false })).StatusCode);
        Assert.Equal(TicketStatuses.New, _factory.Tickets.Find(other.Reference)!.Status);
        Assert.Empty(_factory.Tickets.Find(other.Reference)!.Comments);
    }

    [Fact]
    public async Task An_unknown_reference_is_a_problem_404Async()
    {
        var agent = await _factory.ClientForAsync(AgentEmail, AgentPassword);

        var response = await agent.GetAsync("/api/tickets/DGS-2026-999999");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task An_agent_moves_a_ticket_through_the_workflow_and_the_requester_is_toldAsync()
    {
        var ticket = NewTicket();
        var agent = await _factory.ClientForAsync(AgentEmail, AgentPassword);

        var opened = await agent.PatchAsJsonAsync($"/api/tickets/{ticket.Reference}", new { status = "open", priority = "high", assignee = AgentEmail });

        Assert.Equal(HttpStatusCode.OK, opened.StatusCode);
        using var body = JsonDocument.Parse(await opened.Content.ReadAsStringAsync());
        Assert.Equal("open", body.RootElement.GetProperty("status").GetString());
        Assert.Equal("high", body.RootElement.GetProperty("priority").GetString());
        Assert.Equal("agent.dgs", body.RootElement.GetProperty("assigneeName").GetString());
        var change = Assert.Single(_factory.Events.Changes, c => c.Ticket.Reference == ticket.Reference && c.Kind == "status");
        Assert.Equal(("agent", "agent.dgs"), (change.Actor.Kind, change.Actor.DisplayName));
    }

    [Fact]
    public async Task An_invalid_transition_is_a_409_and_changes_nothingAsync()
    {
        var ticket = NewTicket();
        var agent = await _factory.ClientForAsync(AgentEmail, AgentPassword);

        var response = await agent.PatchAsJsonAsync($"/api/tickets/{ticket.Reference}", new { status = "closed" });

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("cannot go from 'new' to 'closed'", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(TicketStatuses.New, _factory.Tickets.Find(ticket.Reference)!.Status);
    }

    [Theory]
    [InlineData("{\"status\":\"done\"}", "status")]
    [InlineData("{\"priority\":\"critical\"}", "priority")]
    [InlineData("{\"assignee\":\"nobody@example.com\"}", "assignee")]
    public async Task A_value_outside_the_taxonomy_is_a_400_naming_the_fieldAsync(string patch, string field)
    {
        var ticket = NewTicket();
        var agent = await _factory.ClientForAsync(AgentEmail, AgentPassword);

        var response = await agent.PatchAsync($"/api/tickets/{ticket.Reference}", new StringContent(patch, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.True(body.RootElement.GetProperty("errors").TryGetProperty(field, out _));
    }

    [Fact]
    public async Task Bad_json_is_a_400_and_the_ticket_is_unchangedAsync()
    {
        var ticket = NewTicket();
        var agent = await _factory.ClientForAsync(AgentEmail, AgentPassword);

        var response = await agent.PatchAsync($"/api/tickets/{ticket.Reference}", new StringContent("{\"status\": open", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Single(_factory.Tickets.Find(ticket.Reference)!.History);
    }

    [Fact]
    public async Task A_comment_appears_on_the_ticket_and_only_a_public_one_is_passed_to_the_chatAsync()
    {
        var ticket = NewTicket();
        var agent = await _factory.ClientForAsync(AgentEmail, AgentPassword);

        var note = await agent.PostAsJsonAsync($"/api/tickets/{ticket.Reference}/comments", new { text = "Vérifier le double prélèvement côté banque", @internal = true });
        var reply = await agent.PostAsJsonAsync($"/api/tickets/{ticket.Reference}/comments", new { text = "Nous avons lancé le remboursement.", @internal = false });

        Assert.Equal(HttpStatusCode.Created, note.StatusCode);
        Assert.Equal(HttpStatusCode.Created, reply.StatusCode);
        using var body = JsonDocument.Parse(await agent.GetStringAsync($"/api/tickets/{ticket.Reference}"));
        var comments = body.RootElement.GetProperty("comments").EnumerateArray().Select(c => (c.GetProperty("text").GetString(), c.GetProperty("internal").GetBoolean())).ToList();
        Assert.Equal([("Vérifier le double prélèvement côté banque", true), ("Nous avons lancé le remboursement.", false)], comments);
        var told = _factory.Events.Changes.Where(c => c.Ticket.Reference == ticket.Reference && c.Kind == "comment").Select(c => c.PublicComment).ToList();
        Assert.Equal([null, "Nous avons lancé le remboursement."], told);
    }

    [Fact]
    public async Task An_empty_comment_is_a_400Async()
    {
        var ticket = NewTicket();
        var agent = await _factory.ClientForAsync(AgentEmail, AgentPassword);

        var response = await agent.PostAsJsonAsync($"/api/tickets/{ticket.Reference}/comments", new { text = "   " });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(_factory.Tickets.Find(ticket.Reference)!.Comments);
    }

    [Fact]
    public async Task An_unknown_status_filter_is_a_400Async()
    {
        var agent = await _factory.ClientForAsync(AgentEmail, AgentPassword);

        Assert.Equal(HttpStatusCode.BadRequest, (await agent.GetAsync("/api/tickets?status=done")).StatusCode);
    }
}
