using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Assistant.Bot.Tests.Channel;
using Assistant.Bot.Tests.Handoff;
using Assistant.Bot.Tests.Intake;
using Assistant.Ticketing.Staff;
using Assistant.Ticketing.Tickets;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Assistant.Bot.Tests.Incidents;

/// <summary>
/// Incidents through the real host: an agent declares a V-room incident with the notices API, users chat over Direct
/// Line. Assertions are on what users read in their chat, what the public status shows and what the tickets become.
/// </summary>
public sealed partial class IncidentDialogTests(ITestOutputHelper output) : IDisposable
{
    private readonly HandoffTestHost _host = new();

    public void Dispose() => _host.Dispose();

    private DirectLineTestClient User() => new(_host.Factory.CreateClient()) { Log = output.WriteLine };

    private Ticket Stored(string reference) =>
        _host.Factory.Services.GetRequiredService<ITicketService>().Find(reference) ?? throw new InvalidOperationException($"{reference} not stored");

    private static async Task<JsonObject> DeclareVroomIncidentAsync(AgentSession agent)
    {
        using var response = await agent.Http.PostAsJsonAsync("/api/notices", new
        {
            @operator = "digisense",
            kind = "incident",
            products = new[] { "vroom" },
            messageFr = "Les réunions V-room ne démarrent plus, écran noir à la connexion",
            messageEn = "V-room meetings do not start, black screen when joining",
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    private static async Task<JsonObject> PostAsync(AgentSession agent, string path, object body, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var response = await agent.Http.PostAsJsonAsync(path, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"{response.StatusCode}: {text}");
        return JsonNode.Parse(text)!.AsObject();
    }

    private static string Said(IEnumerable<JsonObject> messages) => string.Join("\n", messages.Select(ChatSession.Text));

    [Fact]
    public async Task A_V_room_report_during_the_incident_is_told_linked_within_three_messages_and_told_of_updates_and_resolutionAsync()
    {
        await using var alice = await _host.AgentAsync("Alice", StaffRoles.Agent, "digisense");
        var notice = await DeclareVroomIncidentAsync(alice);
        var noticeId = (string)notice["id"]!;
        var incident = (string)notice["incidentReference"]!;
        Assert.Equal("incident", Stored(incident).Category);
        Assert.True(Stored(incident).IsIncident);

        var chat = await ChatSession.StartAsync(User(), "dl_vroom-down");
        Assert.Contains("Incident en cours sur V", Said(chat.BotMessages), StringComparison.Ordinal);

        await chat.SayAsync("Depuis ce matin impossible de rejoindre nos réunions V-room, l'écran reste noir.");
        var offer = await chat.SayAsync("Accepter et valider");
        Assert.Equal("incident", chat.PendingSlot);
        Assert.Contains("écran noir à la connexion", Said(offer), StringComparison.Ordinal);
        Assert.Contains("pas encore d'information nouvelle", Said(offer), StringComparison.Ordinal);

        var linked = await chat.SayAsync("Oui");
        Assert.Equal(3, chat.Turns);
        var reference = LinkedReference().Match(Said(linked)).Groups[1].Value;
        Assert.NotEmpty(reference);
        var ticket = Stored(reference);
        Assert.Equal(incident, ticket.IncidentReference);
        Assert.Equal("vroom", ticket.Product);
        Assert.Contains("écran reste noir", ticket.Description, StringComparison.Ordinal);

        // Linked already; the one question left, the e-mail, is asked after and may be skipped.
        Assert.Equal("email", chat.PendingSlot);
        Assert.Contains("ajoutée", Said(await chat.SayAsync("marie.dupont@example.fr")), StringComparison.Ordinal);
        Assert.Equal("marie.dupont@example.fr", Stored(reference).Requester.Email);

        var shown = (await alice.Http.GetFromJsonAsync<JsonObject>($"/api/tickets/{reference}"))!;
        Assert.Equal(incident, (string?)shown["incidentReference"]);
        var view = (await alice.Http.GetFromJsonAsync<JsonObject>($"/api/notices/{noticeId}"))!;
        Assert.Equal([reference], view["linkedTickets"]!.AsArray().Select(r => (string)r!).ToList());

        var updated = await PostAsync(alice, $"/api/notices/{noticeId}/updates", new { textFr = "Cause trouvée : un certificat expiré, correctif en cours de déploiement." });
        Assert.Equal(1, (int)updated["told"]!);
        var news = await chat.ReceiveAsync();
        Assert.Contains("certificat expiré", Said(news), StringComparison.Ordinal);
        Assert.Contains(reference, Said(news), StringComparison.Ordinal);

        var ended = await PostAsync(alice, $"/api/notices/{noticeId}/end", new { textFr = "Le service V-room fonctionne de nouveau normalement." });
        Assert.Equal(1, (int)ended["told"]!);
        var resolved = await chat.ReceiveAsync();
        Assert.Contains("est résolu", Said(resolved), StringComparison.Ordinal);
        Assert.Contains("fonctionne de nouveau", Said(resolved), StringComparison.Ordinal);
        Assert.Equal(TicketStatuses.Resolved, Stored(reference).Status);
        Assert.Equal(TicketStatuses.Resolved, Stored(incident).Status);
        Assert.Contains(Stored(reference).Comments, c => c.Text.Contains(incident, StringComparison.Ordinal));

        // The requester whose problem goes on reopens their report with the button the message offers.
        var reopen = (string)resolved[^1]["suggestedActions"]!["actions"]![0]!["value"]!;
        Assert.Equal($"rouvrir {reference}", reopen);
        var reopened = await chat.SayAsync(reopen);
        Assert.Contains("rouverte", Said(reopened), StringComparison.Ordinal);
        Assert.Equal(TicketStatuses.Open, Stored(reference).Status);
    }

    [Fact]
    public async Task A_linked_requester_who_left_reads_the_resolution_on_the_next_visitAsync()
    {
        await using var alice = await _host.AgentAsync("Alice", StaffRoles.Agent, "digisense");
        var noticeId = (string)(await DeclareVroomIncidentAsync(alice))["id"]!;
        var chat = await ChatSession.StartAsync(User(), "dl_vroom-away");
        await chat.SayAsync("Accepter et valider");
        await chat.SayAsync("La visio V-room ne démarre plus, écran noir dès qu'on rejoint une réunion.");
        Assert.Equal("incident", chat.PendingSlot);
        await chat.SayAsync("Oui");
        Assert.Contains("ici, dans cette discussion", Said(await chat.SayAsync("Passer")), StringComparison.Ordinal);

        await PostAsync(alice, $"/api/notices/{noticeId}/end", new { textFr = "Tout est rentré dans l'ordre depuis 14 h." });

        var visit = await ChatSession.ResumeAsync(User(), chat.ConversationId, chat.UserId);
        Assert.Contains("Tout est rentré dans l'ordre", ChatSession.Text(visit.BotMessages[^1]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_Ibox_problem_during_a_V_room_incident_gets_the_normal_intakeAsync()
    {
        await using var alice = await _host.AgentAsync("Alice", StaffRoles.Agent, "digisense");
        await DeclareVroomIncidentAsync(alice);
        var chat = await ChatSession.StartAsync(User(), "dl_ibox-unrelated");
        await chat.SayAsync("Accepter et valider");
        await chat.SayAsync("Je n'arrive plus à téléverser mes fichiers sur Ibox, l'envoi échoue à chaque fois.");

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

        Assert.DoesNotContain(chat.BotMessages, m => (string?)m["channelData"]?["slot"] == "incident");
        var ticket = Stored(reference);
        Assert.Equal("ibox", ticket.Product);
        Assert.Null(ticket.IncidentReference);
    }

    [Fact]
    public async Task Something_else_continues_the_intake_without_asking_the_problem_againAsync()
    {
        await using var alice = await _host.AgentAsync("Alice", StaffRoles.Agent, "digisense");
        await DeclareVroomIncidentAsync(alice);
        var chat = await ChatSession.StartAsync(User(), "dl_vroom-other");
        await chat.SayAsync("Accepter et valider");
        await chat.SayAsync("Sur V-room je ne retrouve plus l'enregistrement de la réunion d'hier.");
        Assert.Equal("incident", chat.PendingSlot);

        var before = chat.BotMessages.Count;
        await chat.SayAsync("Non, c'est autre chose");
        Assert.NotEqual("incident", chat.PendingSlot);
        Assert.NotEqual("description", chat.PendingSlot);
        var reference = await chat.AnswerUntilFiledAsync(new Dictionary<string, string>
        {
            ["product"] = "V-room",
            ["category"] = "Question",
            ["name"] = "Paul Martin",
            ["email"] = "paul.martin@example.fr",
            ["phone"] = "Passer",
            ["customerNumber"] = "Pas client",
            ["confirmation"] = "Confirmer",
        });

        Assert.DoesNotContain(chat.BotMessages.Skip(before), m => (string?)m["channelData"]?["slot"] is "description" or "incident");
        var ticket = Stored(reference);
        Assert.Null(ticket.IncidentReference);
        Assert.Contains("enregistrement de la réunion", ticket.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_English_speaker_is_told_in_English_and_can_say_it_is_something_elseAsync()
    {
        await using var alice = await _host.AgentAsync("Alice", StaffRoles.Agent, "digisense");
        await DeclareVroomIncidentAsync(alice);
        var chat = await ChatSession.StartAsync(User(), "dl_vroom-english");
        await chat.SayAsync("Since this morning I cannot join any V-room meeting, the screen stays black.");
        var offer = await chat.SayAsync("I accept");
        Assert.Equal("incident", chat.PendingSlot);
        Assert.Contains("black screen when joining", Said(offer), StringComparison.Ordinal);
        Assert.Contains("Is this what you are seeing", Said(offer), StringComparison.Ordinal);
        var choices = chat.LastPrompt["suggestedActions"]!["actions"]!.AsArray().Select(a => (string?)a!["value"]).ToList();
        Assert.Equal(["Yes", "No, it's something else"], choices);

        await chat.SayAsync("No, it's something else");
        Assert.NotNull(chat.PendingSlot);
        Assert.NotEqual("incident", chat.PendingSlot);
        Assert.NotEqual("description", chat.PendingSlot);
    }

    [GeneratedRegex(@"((?:DGS|ICN)-\d{4}-\d{6}) est rattaché")]
    private static partial Regex LinkedReference();
}
