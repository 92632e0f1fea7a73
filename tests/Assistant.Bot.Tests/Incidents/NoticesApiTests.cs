using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Assistant.Bot.Tests.Channel;
using Assistant.Bot.Tests.Handoff;
using Assistant.Bot.Tests.Intake;
using Assistant.Ticketing.Staff;
using Assistant.Ticketing.Tickets;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Assistant.Bot.Tests.Incidents;

/// <summary>The notices API and the public status through the real host: what a status page and the consoles read.</summary>
public sealed class NoticesApiTests(ITestOutputHelper output) : IDisposable
{
    private readonly HandoffTestHost _host = new();

    public void Dispose() => _host.Dispose();

    private async Task<JsonArray> StatusAsync(string? operatorId = null)
    {
        using var anonymous = _host.Factory.CreateClient();
        var status = await anonymous.GetFromJsonAsync<JsonObject>(operatorId is null ? "/api/status" : $"/api/status?operator={operatorId}");
        return status!["notices"]!.AsArray();
    }

    private static async Task<(HttpStatusCode Status, JsonObject Body)> PostAsync(AgentSession agent, string path, object body)
    {
        using var response = await agent.Http.PostAsJsonAsync(path, body);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, JsonNode.Parse(text.Length == 0 ? "{}" : text)!.AsObject());
    }

    private DateTimeOffset Now => _host.Factory.Clock.GetUtcNow();

    private object Maintenance(string operatorId = "digisense") => new
    {
        @operator = operatorId,
        kind = "maintenance",
        products = new[] { "ibox" },
        messageFr = "Mise à niveau du stockage Ibox : les fichiers restent consultables, les envois sont suspendus",
        messageEn = "Ibox storage upgrade: files stay readable, uploads are paused",
        startsAt = Now.AddMinutes(-5),
        endsAt = Now.AddHours(2),
    };

    [Fact]
    public async Task The_status_lists_active_notices_and_none_once_they_endAsync()
    {
        await using var alice = await _host.AgentAsync("Alice", StaffRoles.Agent, "digisense");
        Assert.Empty(await StatusAsync());

        var (created, maintenance) = await PostAsync(alice, "/api/notices", Maintenance());
        Assert.Equal(HttpStatusCode.Created, created);
        var (_, incident) = await PostAsync(alice, "/api/notices", new { @operator = "digisense", kind = "incident", products = new[] { "vroom" }, messageFr = "Son coupé dans les réunions V-room" });
        await PostAsync(alice, $"/api/notices/{incident["id"]}/updates", new { textFr = "Correctif en test", textEn = "Fix being tested" });

        var current = await StatusAsync();
        Assert.Equal(2, current.Count);
        var shown = current.Single(n => (string?)n!["kind"] == "incident")!;
        Assert.True((bool)shown["active"]!);
        Assert.Equal("Son coupé dans les réunions V-room", (string?)shown["message"]!["fr"]);
        Assert.Equal("Fix being tested", (string?)shown["updates"]![0]!["text"]!["en"]);
        Assert.Null(shown["incidentReference"]);
        Assert.Null(shown["createdBy"]);
        Assert.Empty(await StatusAsync("icosnet"));

        Assert.Equal(HttpStatusCode.OK, (await PostAsync(alice, $"/api/notices/{maintenance["id"]}/end", new { })).Status);
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(alice, $"/api/notices/{incident["id"]}/end", new { textFr = "Rétabli" })).Status);
        Assert.Empty(await StatusAsync());
        Assert.Equal(HttpStatusCode.Conflict, (await PostAsync(alice, $"/api/notices/{incident["id"]}/updates", new { textFr = "Trop tard" })).Status);
    }

    [Fact]
    public async Task A_maintenance_window_that_passed_leaves_the_statusAsync()
    {
        await using var alice = await _host.AgentAsync("Alice", StaffRoles.Agent, "digisense");
        await PostAsync(alice, "/api/notices", Maintenance());
        Assert.Single(await StatusAsync());

        _host.Factory.Clock.Advance(TimeSpan.FromHours(3));

        Assert.Empty(await StatusAsync());
    }

    [Fact]
    public async Task During_a_maintenance_the_assistant_says_when_the_service_is_back_and_still_files_the_ticketAsync()
    {
        await using var alice = await _host.AgentAsync("Alice", StaffRoles.Agent, "digisense");
        await PostAsync(alice, "/api/notices", Maintenance());
        var chat = await ChatSession.StartAsync(new DirectLineTestClient(_host.Factory.CreateClient()) { Log = output.WriteLine }, "dl_maintenance");
        Assert.Contains(chat.BotMessages, m => ChatSession.Text(m).Contains("Maintenance planifiée de Ibox", StringComparison.Ordinal));

        await chat.SayAsync("Accepter et valider");
        var told = await chat.SayAsync("Je n'arrive plus à envoyer mes fichiers sur Ibox depuis une heure.");
        Assert.Contains(told, m => ChatSession.Text(m).Contains("maintenance planifiée jusqu'au", StringComparison.Ordinal));

        var reference = await chat.AnswerUntilFiledAsync(new Dictionary<string, string>
        {
            ["product"] = "Ibox",
            ["category"] = "Incident",
            ["name"] = "Marie Dupont",
            ["email"] = "marie.dupont@example.fr",
            ["phone"] = "Passer",
            ["customerNumber"] = "Pas client",
            ["confirmation"] = "Confirmer",
        });
        var ticket = _host.Factory.Services.GetRequiredService<ITicketService>().Find(reference)!;
        Assert.Equal("ibox", ticket.Product);
        Assert.Single(chat.BotMessages, m => ChatSession.Text(m).Contains("maintenance planifiée jusqu'au", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Declaring_updating_and_ending_are_auditedAsync()
    {
        await using var alice = await _host.AgentAsync("Alice", StaffRoles.Agent, "digisense");
        var (_, incident) = await PostAsync(alice, "/api/notices", new { @operator = "digisense", kind = "incident", products = new[] { "vroom" }, messageFr = "Connexion impossible à V-room" });
        await PostAsync(alice, $"/api/notices/{incident["id"]}/updates", new { textFr = "Cause identifiée" });
        await PostAsync(alice, $"/api/notices/{incident["id"]}/end", new { textFr = "Rétabli" });

        await using var root = await _host.AgentAsync("Root", StaffRoles.Admin);
        var entries = (await root.Http.GetFromJsonAsync<JsonArray>("/api/admin/audit?action=notice."))!;
        var actions = entries.Select(e => (string?)e!["action"]).ToList();
        Assert.Equal(["notice.ended", "notice.updated", "notice.declared"], actions);
        Assert.All(entries, e =>
        {
            Assert.Equal("Alice", (string?)e!["actorName"]);
            Assert.Equal("digisense", (string?)e["operatorId"]);
            Assert.Equal((string?)incident["incidentReference"], (string?)e["target"]);
        });
        // The endpoint's own entry replaces the generic one.
        var generic = (await root.Http.GetFromJsonAsync<JsonArray>("/api/admin/audit?text=/api/notices"))!;
        Assert.Empty(generic);
    }

    [Fact]
    public async Task Bad_declarations_are_refused_with_the_field_and_nothing_is_storedAsync()
    {
        await using var alice = await _host.AgentAsync("Alice", StaffRoles.Agent, "digisense");

        var (status, problem) = await PostAsync(alice, "/api/notices", new { @operator = "digisense", kind = "outage", products = new[] { "fax" }, messageFr = "" });
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.NotNull(problem["errors"]!["kind"]);
        Assert.NotNull(problem["errors"]!["products"]);
        Assert.NotNull(problem["errors"]!["messageFr"]);

        var noWindow = await PostAsync(alice, "/api/notices", new { @operator = "digisense", kind = "maintenance", products = new[] { "ibox" }, messageFr = "Maintenance" });
        Assert.Equal(HttpStatusCode.BadRequest, noWindow.Status);
        Assert.NotNull(noWindow.Body["errors"]!["endsAt"]);

        var otherOperator = await PostAsync(alice, "/api/notices", Maintenance("icosnet"));
        Assert.Equal(HttpStatusCode.Forbidden, otherOperator.Status);

        using var anonymous = _host.Factory.CreateClient();
        using var unauthenticated = await anonymous.PostAsJsonAsync("/api/notices", Maintenance());
        Assert.Equal(HttpStatusCode.Unauthorized, unauthenticated.StatusCode);

        Assert.Empty(await StatusAsync());
        Assert.Empty((await alice.Http.GetFromJsonAsync<JsonArray>("/api/notices"))!);
    }

    [Fact]
    public async Task Another_operators_notice_is_not_found_for_an_agentAsync()
    {
        await using var bob = await _host.AgentAsync("Bob", StaffRoles.Agent, "icosnet");
        var (_, notice) = await PostAsync(bob, "/api/notices", Maintenance("icosnet"));
        await using var alice = await _host.AgentAsync("Alice", StaffRoles.Agent, "digisense");

        using var seen = await alice.Http.GetAsync($"/api/notices/{notice["id"]}");
        Assert.Equal(HttpStatusCode.NotFound, seen.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await PostAsync(alice, $"/api/notices/{notice["id"]}/end", new { })).Status);
        Assert.Single(await StatusAsync("icosnet"));
    }
}
