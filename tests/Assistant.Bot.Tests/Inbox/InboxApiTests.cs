using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Assistant.Bot.Tests.Auth;
using Assistant.Ticketing.Staff;
using Assistant.Ticketing.Tickets;

namespace Assistant.Bot.Tests.Inbox;

public sealed class InboxApiTests : IClassFixture<StaffApiFactory>
{
    private const string AgentEmail = "agent.inbox@example.com";
    private const string AgentPassword = "agent-password-1";
    private readonly StaffApiFactory _factory;

    public InboxApiTests(StaffApiFactory factory)
    {
        _factory = factory;
        _ = factory.Services;
        if (factory.Services.GetService(typeof(IStaffStore)) is IStaffStore staff && staff.FindByEmail(AgentEmail) is null)
        {
            factory.AddStaff(AgentEmail, AgentPassword, StaffRoles.Agent, disabled: false, "digisense");
        }
    }

    private Ticket File(string operatorId, string title, string priority = "normal") =>
        _factory.Tickets.Create(
            new NewTicket(operatorId, title, "Le service ne répond plus depuis ce matin.", "incident", "vroom", priority, "model",
                new Requester { UserId = "user-" + Guid.NewGuid().ToString("N")[..8], Name = "Léa Dubois", Email = "lea@example.com" },
                "conv-" + Guid.NewGuid().ToString("N")[..8]),
            new Actor("requester", "user-1"));

    private static string Word() => "mot" + Guid.NewGuid().ToString("N")[..8];

    private static List<string?> References(JsonElement page) =>
        [.. page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("reference").GetString())];

    [Fact]
    public async Task An_agent_s_inbox_holds_only_their_operators_tickets_earliest_due_first_and_an_admin_s_holds_allAsync()
    {
        var word = Word();
        var normal = File("digisense", "Visio coupée " + word);
        var urgent = File("digisense", "Visio coupée " + word, "urgent");
        var other = File("icosnet", "Visio coupée " + word, "urgent");
        // A fresh agent: counts are kept a moment per agent, and other tests of this class read them too.
        var email = $"agent.{Word()}@example.com";
        _factory.AddStaff(email, AgentPassword, StaffRoles.Agent, disabled: false, "digisense");
        var agent = await _factory.ClientForAsync(email, AgentPassword);
        var admin = await _factory.AdminClientAsync();

        var seenByAgent = await agent.GetFromJsonAsync<JsonElement>($"/api/inbox?q={word}");
        var seenByAdmin = await admin.GetFromJsonAsync<JsonElement>($"/api/inbox?q={word}&priority=urgent");

        Assert.Equal([urgent.Reference, normal.Reference], References(seenByAgent));
        Assert.Equal(new[] { other.Reference, urgent.Reference }.Order(), References(seenByAdmin).Order());
        var first = seenByAgent.GetProperty("items")[0];
        Assert.Equal("firstResponse", first.GetProperty("sla").GetProperty("clock").GetString());
        Assert.Equal(urgent.Sla.FirstResponseDue, first.GetProperty("sla").GetProperty("due").GetDateTimeOffset());
        Assert.True(seenByAgent.GetProperty("counts").GetProperty("unassigned").GetInt32() >= 2);
        Assert.False(seenByAgent.GetProperty("hasMore").GetBoolean());
    }

    [Fact]
    public async Task Assignee_filters_follow_the_agent_who_asksAsync()
    {
        var word = Word();
        var mine = File("digisense", "Facture " + word);
        var free = File("digisense", "Facture " + word);
        var agent = await _factory.ClientForAsync(AgentEmail, AgentPassword);
        (await agent.PatchAsJsonAsync($"/api/tickets/{mine.Reference}", new { assignee = AgentEmail })).EnsureSuccessStatusCode();

        var assigned = await agent.GetFromJsonAsync<JsonElement>($"/api/inbox?q={word}&assignee=mine");
        var unassigned = await agent.GetFromJsonAsync<JsonElement>($"/api/inbox?q={word}&assignee=unassigned");
        var admins = await (await _factory.AdminClientAsync()).GetFromJsonAsync<JsonElement>($"/api/inbox?q={word}&assignee=mine");

        Assert.Equal([mine.Reference], References(assigned));
        Assert.Equal([free.Reference], References(unassigned));
        Assert.Empty(References(admins));
    }

    [Fact]
    public async Task Another_operator_is_403_and_an_unknown_one_400Async()
    {
        var agent = await _factory.ClientForAsync(AgentEmail, AgentPassword);

        Assert.Equal(HttpStatusCode.Forbidden, (await agent.GetAsync("/api/inbox?operator=icosnet")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await agent.GetAsync("/api/inbox?operator=digisense")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await agent.GetAsync("/api/inbox?operator=nowhere")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _factory.CreateClient().GetAsync("/api/inbox")).StatusCode);
    }

    [Theory]
    [InlineData("status=done", "status")]
    [InlineData("priority=critical", "priority")]
    [InlineData("category=weather", "category")]
    [InlineData("product=toaster", "product")]
    [InlineData("assignee=bob", "assignee")]
    [InlineData("pageSize=1000", "pageSize")]
    [InlineData("page=0", "page")]
    [InlineData("quarantined=true&status=open", "quarantined")]
    public async Task A_filter_outside_its_values_is_a_400_naming_itAsync(string filter, string field)
    {
        var agent = await _factory.ClientForAsync(AgentEmail, AgentPassword);

        var response = await agent.GetAsync("/api/inbox?" + filter);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.True(body.RootElement.GetProperty("errors").TryGetProperty(field, out _), body.RootElement.ToString());
    }

    [Fact]
    public async Task The_ticket_view_shows_history_with_who_and_the_sla_and_is_404_outside_the_scopeAsync()
    {
        var ticket = File("digisense", "Accès bloqué " + Word(), "high");
        var other = File("icosnet", "Accès bloqué " + Word());
        var agent = await _factory.ClientForAsync(AgentEmail, AgentPassword);
        (await agent.PatchAsJsonAsync($"/api/tickets/{ticket.Reference}", new { status = "open", priority = "urgent" })).EnsureSuccessStatusCode();
        (await agent.PostAsJsonAsync($"/api/tickets/{ticket.Reference}/comments", new { text = "Nous regardons.", @internal = false })).EnsureSuccessStatusCode();

        var view = await agent.GetFromJsonAsync<JsonElement>($"/api/inbox/tickets/{ticket.Reference.ToLowerInvariant()}");

        Assert.Equal(ticket.Reference, view.GetProperty("ticket").GetProperty("reference").GetString());
        var priority = view.GetProperty("ticket").GetProperty("history").EnumerateArray().Single(h => h.GetProperty("field").GetString() == "priority");
        Assert.Equal(("high", "urgent", "agent.inbox"), (priority.GetProperty("from").GetString(), priority.GetProperty("to").GetString(), priority.GetProperty("actorName").GetString()));
        Assert.Equal("resolution", view.GetProperty("sla").GetProperty("clock").GetString());
        Assert.True(view.GetProperty("sla").GetProperty("firstResponseMet").GetBoolean());
        Assert.Equal(["pending", "resolved", "quarantined"], view.GetProperty("nextStatuses").EnumerateArray().Select(s => s.GetString()));
        var line = (await agent.GetFromJsonAsync<JsonElement>($"/api/inbox?q={ticket.Reference}")).GetProperty("items")[0];
        Assert.Equal("resolution", line.GetProperty("sla").GetProperty("clock").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await agent.GetAsync($"/api/inbox/tickets/{other.Reference}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await agent.GetAsync("/api/inbox/tickets/DGS-2026-999999")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await (await _factory.AdminClientAsync()).GetAsync($"/api/inbox/tickets/{other.Reference}")).StatusCode);
    }
}
