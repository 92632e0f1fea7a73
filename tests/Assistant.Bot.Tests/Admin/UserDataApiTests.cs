using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Assistant.Bot.Tests.Intake;
using Assistant.Moderation.Sanctions;
using Assistant.Ticketing.Consents;
using Assistant.Ticketing.Tickets;

namespace Assistant.Bot.Tests.Admin;

/// <summary>A visitor's data requests: export everything as JSON, erase it (tickets kept, anonymised).</summary>
public sealed class UserDataApiTests : IDisposable
{
    private const string UserId = "dl_data-user";

    private readonly AdminHost _host = new();

    public void Dispose() => _host.Dispose();

    private async Task<string> SeedAsync()
    {
        var chat = await ChatSession.StartAsync(_host.DirectLine, UserId);
        await chat.SayAsync("Ma Ibox ne synchronise plus mes fichiers depuis ce matin");
        _host.Service<IConsentStore>().Record("digisense", UserId, "2026-01", accepted: true);
        _host.Service<ISanctionService>().RecordViolation(
            new Violation("digisense", UserId, chat.ConversationId, "propos injurieux", "abusive", 0.9f, 0.01f, "Digisense 3", "model", DateTimeOffset.UtcNow));
        var ticket = _host.Service<ITicketService>().Create(
            new NewTicket("digisense", "Ibox : synchronisation bloquée", "La synchronisation est bloquée.", "incident", "ibox", "high", "model",
                new Requester { UserId = UserId, Name = "Marie Dupont", Email = "marie.dupont@example.fr", Phone = "+33 6 12 34 56 78" }, chat.ConversationId),
            new Actor("requester", UserId));
        return ticket.Reference;
    }

    [Fact]
    public async Task The_export_holds_conversations_dialog_consents_tickets_and_sanctionsAsync()
    {
        var reference = await SeedAsync();
        var admin = await _host.AdminAsync();

        var export = await admin.GetFromJsonAsync<JsonObject>($"/api/admin/users/{UserId}/export");

        var conversation = Assert.Single(export!["conversations"]!.AsArray())!;
        Assert.Contains(conversation["activities"]!.AsArray(), a => (string?)a!["text"] == "Ma Ibox ne synchronise plus mes fichiers depuis ce matin");
        Assert.Single(export["dialogs"]!.AsArray());
        Assert.Single(export["consents"]!.AsArray());
        Assert.Equal(reference, (string)Assert.Single(export["tickets"]!.AsArray())!["reference"]!);
        Assert.Equal("propos injurieux", (string)Assert.Single(export["sanctions"]!.AsArray())!["text"]!);
        Assert.NotEmpty(export["moderationDecisions"]!.AsArray());
        Assert.Equal(UserId, Assert.Single(_host.Audit("user.export")).Target);
    }

    [Fact]
    public async Task Erasure_deletes_the_data_keeps_tickets_anonymised_and_keeps_the_sanctionAsync()
    {
        var reference = await SeedAsync();
        var admin = await _host.AdminAsync();

        using var response = await admin.DeleteAsync($"/api/admin/users/{UserId}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var export = await admin.GetFromJsonAsync<JsonObject>($"/api/admin/users/{UserId}/export");
        Assert.Empty(export!["conversations"]!.AsArray());
        Assert.Empty(export["dialogs"]!.AsArray());
        Assert.Empty(export["consents"]!.AsArray());
        Assert.Empty(export["tickets"]!.AsArray());
        Assert.Empty(export["moderationDecisions"]!.AsArray());
        Assert.Null((string?)Assert.Single(export["sanctions"]!.AsArray())!["text"]);

        var ticket = _host.Service<ITicketService>().Find(reference)!;
        Assert.Equal("erased", ticket.Requester.UserId);
        Assert.Null(ticket.Requester.Name);
        Assert.Null(ticket.Requester.Email);
        Assert.Null(ticket.Requester.Phone);
        Assert.Equal("La synchronisation est bloquée.", ticket.Description);
        Assert.Equal(1, _host.Service<ISanctionService>().GetStatus("digisense", UserId, DateTimeOffset.UtcNow).Strikes);

        var entry = Assert.Single(_host.Audit("user.erase"));
        Assert.Contains("1 ticket(s) anonymised", entry.Details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_retention_purge_deletes_old_conversations_but_keeps_ticketsAsync()
    {
        var reference = await SeedAsync();
        _host.Factory.Clock.Advance(TimeSpan.FromDays(400));
        var admin = await _host.AdminAsync();

        using var response = await admin.PostAsync("/api/admin/retention/purge", null);

        response.EnsureSuccessStatusCode();
        var purge = await response.Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal(1, (int)purge!["conversations"]!);
        Assert.Equal(365, (int)purge["retentionDays"]!);
        var export = await admin.GetFromJsonAsync<JsonObject>($"/api/admin/users/{UserId}/export");
        Assert.Empty(export!["conversations"]!.AsArray());
        Assert.Empty(export["dialogs"]!.AsArray());
        Assert.Single(export["tickets"]!.AsArray());
        Assert.NotNull(_host.Service<ITicketService>().Find(reference));
        Assert.Equal("system", Assert.Single(_host.Audit("retention.purge")).Actor);
        Assert.Single(_host.Audit("retention.run"));
    }

    [Fact]
    public async Task An_admin_shortens_the_retention_and_the_next_purge_uses_itAsync()
    {
        await SeedAsync();
        _host.Factory.Clock.Advance(TimeSpan.FromDays(31));
        var admin = await _host.AdminAsync();

        using var tooShort = await admin.PutAsJsonAsync("/api/admin/retention", new { days = 0, reason = "test" });
        using var noReason = await admin.PutAsJsonAsync("/api/admin/retention", new { days = 30 });
        using var kept = await admin.PostAsync("/api/admin/retention/purge", null);
        using var saved = await admin.PutAsJsonAsync("/api/admin/retention", new { days = 30, reason = "durée réduite par la DPO" });
        using var purged = await admin.PostAsync("/api/admin/retention/purge", null);

        Assert.Equal(HttpStatusCode.BadRequest, tooShort.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.Equal(0, (int)(await kept.Content.ReadFromJsonAsync<JsonObject>())!["conversations"]!);
        var retention = (await saved.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(30, (int)retention["days"]!);
        Assert.Equal("console", (string)retention["source"]!);
        var purge = (await purged.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(1, (int)purge["conversations"]!);
        Assert.Equal(30, (int)purge["retentionDays"]!);
        Assert.Contains("365 → 30 days: durée réduite par la DPO", Assert.Single(_host.Audit("retention.update")).Details, StringComparison.Ordinal);

        using var reset = await admin.PostAsJsonAsync("/api/admin/retention/reset", new { reason = "retour à la politique par défaut" });
        var back = (await reset.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(365, (int)back["days"]!);
        Assert.Equal("configuration", (string)back["source"]!);
        Assert.Single(_host.Audit("retention.reset"));
    }
}
