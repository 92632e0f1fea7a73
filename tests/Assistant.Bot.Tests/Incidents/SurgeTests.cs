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

/// <summary>
/// Surge detection on the real host: 20 similar V-room reports within 5 minutes (the configured threshold and window)
/// make one suggested incident, and declaring it links them. One report comes from a real Direct Line chat, whose user
/// is told; the others are filed straight through the ticket service, as the intake would.
/// </summary>
public sealed class SurgeTests : IDisposable
{
    private readonly HandoffTestHost _host = new();
    private readonly ITestOutputHelper _output;

    public SurgeTests(ITestOutputHelper output)
    {
        _output = output;
        _host.Factory.Settings["Assistant:Incidents:SurgeThreshold"] = "20";
        _host.Factory.Settings["Assistant:Incidents:SurgeWindow"] = "00:05:00";
    }

    public void Dispose() => _host.Dispose();

    private ITicketService Tickets => _host.Factory.Services.GetRequiredService<ITicketService>();

    private Ticket File(int index, string product, string description) => Tickets.Create(
        new NewTicket("digisense", description, description, "incident", product, "high", "model",
            new Requester { UserId = $"dl_report-{index}" }, $"conversation-{index}"),
        new Actor("requester", $"dl_report-{index}"));

    private static string Report(int index) => index % 2 == 0
        ? $"Les réunions V-room ne démarrent plus, écran noir à la connexion (salle {index})"
        : $"Ecran noir sur V-room : la réunion ne démarre plus depuis la connexion de {index} h";

    private static async Task<JsonArray> SuggestionsAsync(AgentSession agent) =>
        (await agent.Http.GetFromJsonAsync<JsonArray>("/api/notices/suggestions"))!;

    [Fact]
    public async Task Twenty_similar_reports_within_five_minutes_make_one_suggested_incident_and_declaring_it_links_themAsync()
    {
        await using var alice = await _host.AgentAsync("Alice", StaffRoles.Agent, "digisense");
        var old = File(100, "vroom", Report(100));
        _host.Factory.Clock.Advance(TimeSpan.FromMinutes(6));

        var chat = await ChatSession.StartAsync(new DirectLineTestClient(_host.Factory.CreateClient()) { Log = _output.WriteLine }, "dl_surge-chat");
        await chat.SayAsync("Accepter et valider");
        await chat.SayAsync("Les réunions V-room ne démarrent plus, écran noir à la connexion.");
        var fromChat = await chat.AnswerUntilFiledAsync(new Dictionary<string, string>
        {
            ["product"] = "V-room",
            ["category"] = "Incident",
            ["name"] = "Marie Dupont",
            ["email"] = "marie.dupont@example.fr",
            ["phone"] = "Passer",
            ["customerNumber"] = "Pas client",
            ["confirmation"] = "Confirmer",
        });
        Assert.Equal("incident", Tickets.Find(fromChat)!.Category);
        for (var i = 1; i <= 18; i++)
        {
            File(i, "vroom", Report(i));
        }
        for (var i = 30; i < 33; i++)
        {
            File(i, "ibox", "Impossible de téléverser un fichier sur Ibox, l'envoi échoue");
        }
        Assert.Empty(await SuggestionsAsync(alice));

        var last = File(19, "vroom", Report(19));
        var suggestion = Assert.Single(await SuggestionsAsync(alice))!;
        Assert.Equal("vroom", (string?)suggestion["product"]);
        Assert.Equal(20, (int)suggestion["count"]!);
        var references = suggestion["tickets"]!.AsArray().Select(t => (string)t!).ToList();
        Assert.Contains(fromChat, references);
        Assert.Contains(last.Reference, references);
        Assert.DoesNotContain(old.Reference, references);

        using var response = await alice.Http.PostAsJsonAsync("/api/notices/suggestions/declare", new
        {
            @operator = "digisense",
            product = "vroom",
            tickets = references,
            messageFr = "Les réunions V-room ne démarrent plus (écran noir)",
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var notice = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        var incident = (string)notice["incidentReference"]!;
        Assert.Equal(20, notice["linkedTickets"]!.AsArray().Count);
        Assert.All(references, r => Assert.Equal(incident, Tickets.Find(r)!.IncidentReference));
        Assert.Null(Tickets.Find(old.Reference)!.IncidentReference);

        var told = await chat.ReceiveAsync();
        Assert.Contains(told, m => ChatSession.Text(m).Contains("rattachée à cet incident", StringComparison.Ordinal)
            && ChatSession.Text(m).Contains(fromChat, StringComparison.Ordinal));
        Assert.Empty(await SuggestionsAsync(alice));

        // Linked reports are not linked twice.
        using var again = await alice.Http.PostAsJsonAsync("/api/notices/suggestions/declare", new { @operator = "digisense", product = "vroom", tickets = references });
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
    }
}
