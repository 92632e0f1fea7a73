using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Assistant.Bot.Admin.Audit;
using Assistant.Bot.Tests.Intake;
using Assistant.Ticketing.Tickets;

namespace Assistant.Bot.Tests.Admin;

/// <summary>What ends up in the audit log, and how admins find it.</summary>
public sealed class AuditTests : IDisposable
{
    private readonly AdminHost _host = new();

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task An_agent_action_is_audited_with_the_agent_and_the_routeAsync()
    {
        var ticket = _host.Service<ITicketService>().Create(
            new NewTicket("digisense", "Facture en double", "Prélevé deux fois.", "billing", "client-space", "normal", "model",
                new Requester { UserId = "user-audit", Name = "Léa Dubois" }, "conv-audit"),
            new Actor("requester", "user-audit"));
        var agent = await _host.AgentAsync();

        using var response = await agent.PostAsJsonAsync($"/api/tickets/{ticket.Reference}/comments", new { text = "Nous regardons.", @internal = false });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);

        var entry = Assert.Single(_host.Audit("http.POST"));
        Assert.Equal(AuditActors.Staff(_host.Agent.Id), entry.Actor);
        Assert.Equal("/api/tickets/{reference}/comments", entry.Target);
        Assert.Contains(ticket.Reference, entry.Details, StringComparison.Ordinal);
        Assert.DoesNotContain("Nous regardons", entry.Details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refused_or_anonymous_request_is_not_auditedAsync()
    {
        var agent = await _host.AgentAsync();
        using var refused = await agent.PatchAsJsonAsync("/api/tickets/DGS-2026-999999", new { status = "open" });
        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        using var anonymous = await _host.Anonymous.PostAsJsonAsync("/api/auth/token", new { email = "x@example.com", password = "wrong-password" });

        Assert.Empty(_host.Service<AuditLog>().Search(new AuditQuery()));
    }

    [Fact]
    public async Task An_abusive_message_leaves_a_system_decision_with_scores_but_not_the_textAsync()
    {
        var chat = await ChatSession.StartAsync(_host.DirectLine, "dl_audited-user");
        await chat.SayAsync("Je vais vous tuer si personne ne répare ma connexion");

        var entry = Assert.Single(_host.Audit("moderation.abusive"));
        Assert.Equal(AuditActors.System, entry.Actor);
        Assert.Equal("dl_audited-user", entry.Target);
        Assert.Equal("digisense", entry.OperatorId);
        Assert.Equal("rule:threat", entry.Moderation!.DecidedBy);
        Assert.Equal("refuse", entry.Moderation.Action);
        Assert.DoesNotContain("tuer", entry.Details, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("answered by moderation", entry.Details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_ordinary_message_leaves_an_ok_decisionAsync()
    {
        var chat = await ChatSession.StartAsync(_host.DirectLine, "dl_ok-user");
        await chat.SayAsync("Ma Ibox ne synchronise plus mes fichiers depuis ce matin");

        var entry = Assert.Single(_host.Audit("moderation"));
        Assert.Equal("moderation.ok", entry.Action);
        Assert.Equal("allow", entry.Moderation!.Action);
        Assert.Contains("passed on", entry.Details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_search_filters_by_actor_action_text_and_datesAsync()
    {
        var audit = _host.Service<AuditLog>();
        audit.Record("staff:a1", "Alice", "template.save", "Greeting/fr", "version 1: friendlier tone");
        audit.Record("staff:b2", "Bob", "sanction.lift", "dl_someone", "suspended lifted: mistaken identity", "digisense");
        audit.Record("staff:b2", "Bob", "template.rollback", "Help/en", "version 2 restores version 0: typo");
        var admin = await _host.AdminAsync();

        Assert.Equal(["template.rollback", "sanction.lift"], await ActionsAsync(admin, "actor=bob"));
        Assert.Equal(["template.rollback", "template.save"], await ActionsAsync(admin, "action=template"));
        Assert.Equal(["sanction.lift"], await ActionsAsync(admin, "text=MISTAKEN"));
        Assert.Equal(["template.save"], await ActionsAsync(admin, "text=greeting"));
        Assert.Equal(["template.rollback"], await ActionsAsync(admin, "actor=bob&action=template"));
        var now = DateTimeOffset.UtcNow;
        Assert.Equal(3, (await ActionsAsync(admin, $"from={Uri.EscapeDataString(now.AddMinutes(-5).ToString("O"))}")).Count);
        Assert.Empty(await ActionsAsync(admin, $"to={Uri.EscapeDataString(now.AddMinutes(-5).ToString("O"))}"));
        Assert.Single(await ActionsAsync(admin, "limit=1"));
    }

    private static async Task<List<string>> ActionsAsync(HttpClient admin, string query)
    {
        var entries = await admin.GetFromJsonAsync<JsonArray>("/api/admin/audit?" + query);
        return [.. entries!.Select(e => (string)e!["action"]!).Where(a => !a.StartsWith("http.", StringComparison.Ordinal))];
    }
}
