using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Assistant.Bot.Tests.Handoff;
using Assistant.Ticketing.Staff;
using Assistant.Ticketing.Tickets;
using Microsoft.Extensions.DependencyInjection;

namespace Assistant.Bot.Tests.Incidents;

/// <summary>
/// The inbox counts an incident once, over the real host: reports linked to an open incident ticket are folded under
/// it (its line counts them), listed with <c>incident=</c> and found by a search; once the incident is resolved, a
/// report its requester reopens is work of its own again.
/// </summary>
public sealed class IncidentInboxTests : IDisposable
{
    private readonly HandoffTestHost _host = new();

    public IncidentInboxTests()
    {
        _host.Factory.Settings["Assistant:Incidents:SurgeThreshold"] = "3";
    }

    public void Dispose() => _host.Dispose();

    private ITicketService Tickets => _host.Factory.Services.GetRequiredService<ITicketService>();

    private Ticket File(int index, string product, string description) => Tickets.Create(
        new NewTicket("digisense", description, description, "incident", product, "high", "model",
            new Requester { UserId = $"dl_inbox-{index}", Name = $"Client {index}" }, $"conversation-inbox-{index}"),
        new Actor("requester", $"dl_inbox-{index}"));

    // The counts are kept 2 s per agent under a stream of changes: the manual clock moves past that before each read.
    private async Task<JsonObject> InboxAsync(AgentSession agent, string query = "")
    {
        _host.Factory.Clock.Advance(TimeSpan.FromSeconds(3));
        return (await agent.Http.GetFromJsonAsync<JsonObject>("/api/inbox?" + query))!;
    }

    private static List<string> References(JsonObject page) =>
        [.. page["items"]!.AsArray().Select(i => (string)i!["reference"]!)];

    [Fact]
    public async Task An_incident_with_its_linked_reports_counts_once_and_its_reports_stay_reachableAsync()
    {
        await using var alice = await _host.AgentAsync("Alice", StaffRoles.Agent, "digisense");
        var reports = Enumerable.Range(1, 3)
            .Select(i => File(i, "vroom", $"Les réunions V-room ne démarrent plus, écran noir à la connexion (salle {i})"))
            .ToList();
        var other = File(9, "ibox", "Impossible de téléverser un fichier sur Ibox, l'envoi échoue");
        var before = await InboxAsync(alice);
        Assert.Equal(4, (int)before["counts"]!["active"]!);

        var suggestion = Assert.Single((await alice.Http.GetFromJsonAsync<JsonArray>("/api/notices/suggestions"))!)!;
        using var declared = await alice.Http.PostAsJsonAsync("/api/notices/suggestions/declare", new
        {
            @operator = "digisense",
            product = "vroom",
            tickets = suggestion["tickets"],
            messageFr = "Les réunions V-room ne démarrent plus (écran noir)",
        });
        Assert.Equal(HttpStatusCode.Created, declared.StatusCode);
        var notice = (await declared.Content.ReadFromJsonAsync<JsonObject>())!;
        var incident = (string)notice["incidentReference"]!;

        // The incident ticket and the Ibox report: the three linked reports are not counted or listed again.
        var folded = await InboxAsync(alice);
        Assert.Equal(2, (int)folded["counts"]!["active"]!);
        Assert.Equal(2, (int)folded["counts"]!["unassigned"]!);
        Assert.Equal(new[] { incident, other.Reference }.Order(), References(folded).Order());
        var line = folded["items"]!.AsArray().Single(i => (string?)i!["reference"] == incident)!;
        Assert.True((bool)line["isIncident"]!);
        Assert.Equal(3, (int)line["linkedCount"]!);

        var linked = await InboxAsync(alice, $"incident={incident.ToLowerInvariant()}");
        Assert.Equal(reports.Select(r => r.Reference).Order(), References(linked).Order());
        Assert.All(linked["items"]!.AsArray(), i => Assert.Equal(incident, (string?)i!["incidentReference"]));
        Assert.Equal([reports[1].Reference], References(await InboxAsync(alice, $"q={reports[1].Reference}")));
        Assert.Equal(3, References(await InboxAsync(alice, "q=salle")).Count);
        var view = (await alice.Http.GetFromJsonAsync<JsonObject>($"/api/inbox/tickets/{incident}"))!;
        Assert.Equal(3, (int)view["linkedCount"]!);

        // Resolved with the incident; the one its requester reopens is counted again, on its own.
        using var ended = await alice.Http.PostAsJsonAsync($"/api/notices/{notice["id"]}/end", new { textFr = "Le service fonctionne de nouveau." });
        Assert.Equal(HttpStatusCode.OK, ended.StatusCode);
        Tickets.Update(reports[0].Reference, new TicketPatch(Status: TicketStatuses.Open), new Actor("requester", "dl_inbox-1"));
        var after = await InboxAsync(alice);
        Assert.Equal(2, (int)after["counts"]!["active"]!);
        Assert.Equal(new[] { reports[0].Reference, other.Reference }.Order(), References(after).Order());
    }

    [Fact]
    public async Task An_incident_filter_that_is_not_a_reference_is_a_400_naming_itAsync()
    {
        await using var alice = await _host.AgentAsync("Alice", StaffRoles.Agent, "digisense");

        using var response = await alice.Http.GetAsync("/api/inbox?incident=vroom");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.NotNull(problem["errors"]!["incident"]);
    }
}
