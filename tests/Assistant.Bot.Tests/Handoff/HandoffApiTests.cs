using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Assistant.Bot.Tests.Channel;
using Assistant.Bot.Tests.Intake;
using Assistant.Ticketing.Staff;

namespace Assistant.Bot.Tests.Handoff;

/// <summary>
/// Handoff through the real host: a user in Direct Line asks for a person, agents use the handoff API and
/// the console's live feed. Assertions are on what the user and the agents receive.
/// </summary>
public sealed class HandoffApiTests : IDisposable
{
    private readonly HandoffTestHost _host = new();

    public void Dispose() => _host.Dispose();

    /// <summary>A consenting user who has described a problem and then asks for a person.</summary>
    private async Task<ChatSession> UserAsksForAPersonAsync(DirectLineTestClient user, string userId)
    {
        var chat = await ChatSession.StartAsync(user, userId);
        return await AsksForAPersonAsync(chat);
    }

    /// <summary>The same for a new visitor of an operator's page.</summary>
    private static async Task<ChatSession> VisitorAsksForAPersonAsync(DirectLineTestClient user, string operatorId) =>
        await AsksForAPersonAsync(await ChatSession.StartOnPageAsync(user, operatorId));

    private static async Task<ChatSession> AsksForAPersonAsync(ChatSession chat)
    {
        await chat.SayAsync("Accepter et valider");
        await chat.SayAsync("Depuis ce matin je n'arrive plus à me connecter à mon espace client, le mot de passe est refusé.");
        await chat.SayAsync("je veux parler à un conseiller");
        return chat;
    }

    /// <summary>Answers the bot's questions from the table until it asks for <paramref name="slot"/>.</summary>
    private static async Task AnswerUntilAsync(ChatSession chat, string slot, Dictionary<string, string> answers)
    {
        for (var turn = 0; turn < 10 && chat.PendingSlot != slot; turn++)
        {
            await chat.SayAsync(answers[chat.PendingSlot ?? throw new InvalidOperationException(ChatSession.Text(chat.LastPrompt))]);
        }

        Assert.Equal(slot, chat.PendingSlot);
    }

    private static async Task<JsonObject> ActivityAsync(DirectLineTestClient user, ChatSession chat, Func<JsonObject, bool> match) =>
        await user.WaitForActivityAsync(chat.ConversationId, chat.Token, match);

    private static bool IsEvent(JsonObject activity, string name) => (string?)activity["type"] == "event" && (string?)activity["name"] == name;

    [Fact]
    public async Task Asking_for_a_person_queues_the_conversation_and_handoff_initiate_carries_transcript_and_routingAsync()
    {
        await using var alice = await _host.AgentAsync("Alice", StaffRoles.Agent, "digisense");
        await alice.OpenFeedAsync();
        var user = _host.User();

        var chat = await UserAsksForAPersonAsync(user, "dl_asks-person");

        var told = ChatSession.Text(chat.LastPrompt);
        Assert.Contains("conseiller", told, StringComparison.Ordinal);
        Assert.Contains("position 1", told, StringComparison.Ordinal);

        var initiate = await ActivityAsync(user, chat, a => IsEvent(a, "handoff.initiate"));
        var transcript = initiate["attachments"]!.AsArray().Single()!;
        Assert.Equal("application/vnd.microsoft.activity.transcript", (string?)transcript["contentType"]);
        var texts = transcript["content"]!["activities"]!.AsArray().Select(a => (string?)a!["text"]).ToList();
        Assert.Contains("je veux parler à un conseiller", texts);
        Assert.Contains(texts, t => t?.Contains("espace client", StringComparison.Ordinal) == true);
        var routing = initiate["value"]!;
        Assert.Equal("user-request", (string?)routing["reason"]);
        Assert.Contains("mot de passe", (string?)routing["collected"]!["description"], StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty((string?)routing["priority"]));
        Assert.NotEmpty(routing["tried"]!["lastPrompts"]!.AsArray());
        Assert.Equal(1, (int)routing["availability"]!["agentsOnline"]!);

        var live = await alice.NextEventAsync(e => e.Name == "handoff" && (string?)e.Data!["conversationId"] == chat.ConversationId);
        Assert.Equal("pending", (string?)live.Data!["state"]);
        var queue = await alice.QueueAsync("pending");
        Assert.Contains(queue, h => (string?)h!["conversationId"] == chat.ConversationId);
    }

    [Fact]
    public async Task Two_agents_accepting_at_once_exactly_one_wins_and_the_user_is_told_whoAsync()
    {
        await using var alice = await _host.AgentAsync("Alice", StaffRoles.Agent, "digisense");
        await using var bruno = await _host.AgentAsync("Bruno", StaffRoles.Agent, "digisense");
        await alice.OpenFeedAsync();
        var user = _host.User();
        var chat = await UserAsksForAPersonAsync(user, "dl_race");

        var responses = await Task.WhenAll(alice.AcceptAsync(chat.ConversationId), bruno.AcceptAsync(chat.ConversationId));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.OK);
        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Conflict);
        var winner = responses[0].StatusCode == HttpStatusCode.OK ? "Alice" : "Bruno";
        var accepted = await ActivityAsync(user, chat, a => IsEvent(a, "handoff.status") && (string?)a["value"]!["state"] == "accepted");
        Assert.Equal(winner, (string?)accepted["from"]!["name"]);
        var notice = await ActivityAsync(user, chat, a => ((string?)a["text"])?.Contains("en relation avec", StringComparison.Ordinal) == true);
        Assert.Contains(winner, (string?)notice["text"], StringComparison.Ordinal);
        var statuses = (await user.GetActivitiesAsync(chat.ConversationId, chat.Token))["activities"]!.AsArray()
            .OfType<JsonObject>().Count(a => IsEvent(a, "handoff.status"));
        Assert.Equal(1, statuses);
    }

    [Fact]
    public async Task A_completed_handoff_cannot_be_accepted_againAsync()
    {
        await using var alice = await _host.AgentAsync("Alice", StaffRoles.Agent, "digisense");
        await using var bruno = await _host.AgentAsync("Bruno", StaffRoles.Agent, "digisense");
        await alice.OpenFeedAsync();
        var user = _host.User();
        var chat = await UserAsksForAPersonAsync(user, "dl_completed");

        Assert.Equal(HttpStatusCode.OK, (await alice.AcceptAsync(chat.ConversationId)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await alice.CompleteAsync(chat.ConversationId)).StatusCode);

        using var late = await bruno.AcceptAsync(chat.ConversationId);
        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
        using var again = await alice.AcceptAsync(chat.ConversationId);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.DoesNotContain(await alice.QueueAsync(), h => (string?)h!["conversationId"] == chat.ConversationId);
    }

    [Fact]
    public async Task An_agent_of_another_operator_sees_nothing_and_gets_404Async()
    {
        await using var alice = await _host.AgentAsync("Alice", StaffRoles.Agent, "digisense");
        await using var ines = await _host.AgentAsync("Ines", StaffRoles.Agent, "icosnet");
        await alice.OpenFeedAsync();
        await ines.OpenFeedAsync();
        var user = _host.User();
        var chat = await UserAsksForAPersonAsync(user, "dl_other-operator");
        await alice.NextEventAsync(e => e.Name == "handoff");

        Assert.Empty(await ines.QueueAsync());
        Assert.Empty(await ines.QueueAsync("pending"));
        Assert.Equal(HttpStatusCode.NotFound, (await ines.Http.GetAsync($"/api/handoffs/{chat.ConversationId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await ines.AcceptAsync(chat.ConversationId)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await ines.SayAsync(chat.ConversationId, "Bonjour")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await ines.CompleteAsync(chat.ConversationId)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await ines.AcceptAsync("no-such-conversation")).StatusCode);

        // Each console gets its events in order: once Ines has the handoff of an ICOSNET visitor, anything about the
        // Digisense conversation published before it would have reached her first.
        var icosnet = await VisitorAsksForAPersonAsync(_host.User(), "icosnet");
        await ines.NextEventAsync(e => e.Name == "handoff" && (string?)e.Data!["conversationId"] == icosnet.ConversationId);
        Assert.False(ines.HasReceived(e => e.Data?.ToJsonString().Contains(chat.ConversationId, StringComparison.Ordinal) == true));
    }

    [Fact]
    public async Task While_an_agent_owns_the_conversation_the_bot_is_silent_and_the_user_gets_the_agents_messages_then_the_bot_answers_againAsync()
    {
        await using var alice = await _host.AgentAsync("Alice", StaffRoles.Agent, "digisense");
        await alice.OpenFeedAsync();
        var user = _host.User();
        var chat = await UserAsksForAPersonAsync(user, "dl_owned");
        Assert.Equal(HttpStatusCode.OK, (await alice.AcceptAsync(chat.ConversationId)).StatusCode);

        using var reply = await alice.SayAsync(chat.ConversationId, "Bonjour, je regarde votre compte.");
        Assert.Equal(HttpStatusCode.OK, reply.StatusCode);
        var fromAgent = await ActivityAsync(user, chat, a => (string?)a["text"] == "Bonjour, je regarde votre compte.");
        Assert.Equal("Alice", (string?)fromAgent["from"]!["name"]);
        Assert.Equal("bot", (string?)fromAgent["from"]!["role"]);

        var sent = await user.PostMessageAsync(chat.ConversationId, chat.Token, "aide", "c-held");
        var forwarded = await alice.NextEventAsync(e => e.Name == "activity" && (string?)e.Data!["activity"]!["id"] == sent);
        Assert.Equal("aide", (string?)forwarded.Data!["activity"]!["text"]);

        var described = await user.PostMessageAsync(chat.ConversationId, chat.Token, "Mon Ibox ne synchronise plus depuis hier soir.", "c-described");
        await alice.NextEventAsync(e => e.Name == "activity" && (string?)e.Data!["activity"]!["id"] == described);
        // Turns run one at a time per conversation: the next message reaching the agent means the turn of "aide" is over,
        // so a reply to it, had the bot given one, is already in the conversation.
        var after = (await user.GetActivitiesAsync(chat.ConversationId, chat.Token))["activities"]!.AsArray().OfType<JsonObject>()
            .SkipWhile(a => (string?)a["id"] != sent).Skip(1).ToList();
        Assert.DoesNotContain(after, a => (string?)a["type"] == "message" && (string?)a["from"]?["role"] == "bot");
        var insult = await user.PostMessageAsync(chat.ConversationId, chat.Token, "Bande d'incapables, vous êtes vraiment des abrutis finis", "c-insult");
        var flagged = await alice.NextEventAsync(e => e.Name == "activity" && (string?)e.Data!["activity"]!["id"] == insult);
        Assert.Equal("abusive", (string?)flagged.Data!["moderation"]!["label"]);
        var view = await alice.Http.GetFromJsonAsync<JsonObject>($"/api/handoffs/{chat.ConversationId}");
        Assert.Contains(view!["handoff"]!["flags"]!.AsArray(), f => (string?)f!["activityId"] == insult);

        Assert.Equal(HttpStatusCode.OK, (await alice.CompleteAsync(chat.ConversationId)).StatusCode);
        await ActivityAsync(user, chat, a => IsEvent(a, "handoff.status") && (string?)a["value"]!["state"] == "completed");
        var back = await ActivityAsync(user, chat, a => ((string?)a["text"])?.Contains("l'assistant reprend", StringComparison.Ordinal) == true);
        Assert.Equal("bot", (string?)back["from"]!["id"]);

        var again = await user.PostMessageAsync(chat.ConversationId, chat.Token, "aide", "c-back");
        var help = await ActivityAsync(user, chat, a => BotReplies.IsReplyTo(a, again));
        Assert.Equal("bot", (string?)help["from"]!["id"]);
        Assert.Equal(HttpStatusCode.Conflict, (await alice.SayAsync(chat.ConversationId, "encore là ?")).StatusCode);
    }

    [Fact]
    public async Task With_no_agent_online_the_user_is_told_and_the_bot_keeps_the_conversationAsync()
    {
        await using var alice = await _host.AgentAsync("Alice", StaffRoles.Agent, "digisense");
        var user = _host.User();

        var chat = await UserAsksForAPersonAsync(user, "dl_nobody");

        Assert.Contains("Aucun conseiller", ChatSession.Text(chat.LastPrompt), StringComparison.Ordinal);
        var failed = await ActivityAsync(user, chat, a => IsEvent(a, "handoff.status"));
        Assert.Equal("failed", (string?)failed["value"]!["state"]);
        Assert.Empty(await alice.QueueAsync());
        var replies = await chat.SayAsync("aide");
        Assert.Contains(replies, r => (string?)r["from"]!["id"] == "bot");
    }

    [Fact]
    public async Task An_urgent_ticket_of_a_customer_with_a_contract_goes_straight_to_the_queueAsync()
    {
        // Lucas Bernard, DGS-C1002, standard contract: one of the demo customers.
        using var host = new HandoffTestHost(demoCustomers: true);
        await using var alice = await host.AgentAsync("Alice", StaffRoles.Agent, "digisense");
        await alice.OpenFeedAsync();
        var user = host.User();
        var chat = await ChatSession.StartAsync(user, "dl_urgent");
        await chat.SayAsync("Accepter et valider");
        await chat.SayAsync("Depuis ce matin V-room est en panne pour tous nos collaborateurs, plus aucune réunion possible.");

        var reference = await chat.AnswerUntilFiledAsync(new Dictionary<string, string>
        {
            ["product"] = "V-room",
            ["category"] = "Incident",
            ["name"] = "Lucas Bernard",
            ["email"] = "lucas.bernard@example.com",
            ["phone"] = "06 12 34 56 78",
            ["customerNumber"] = "DGS-C1002",
            ["confirmation"] = "Confirmer",
        });

        // The handoff message follows the ticket's confirmation; under load it may come after the chat went quiet.
        await ActivityAsync(user, chat, a => ((string?)a["text"])?.Contains("est urgente", StringComparison.Ordinal) == true);
        var initiate = await ActivityAsync(user, chat, a => IsEvent(a, "handoff.initiate"));
        Assert.Equal("urgent-contract", (string?)initiate["value"]!["reason"]);
        Assert.Equal(reference, (string?)initiate["value"]!["ticketReference"]);
        Assert.Equal("urgent", (string?)initiate["value"]!["priority"]);
        Assert.Equal("standard", (string?)initiate["value"]!["contractTier"]);
        var queued = (await alice.QueueAsync("pending")).Single(h => (string?)h!["conversationId"] == chat.ConversationId)!;
        Assert.Equal(reference, (string?)queued["ticketReference"]);

        Assert.Equal(HttpStatusCode.OK, (await alice.AcceptAsync(chat.ConversationId)).StatusCode);
        var ticket = await alice.Http.GetFromJsonAsync<JsonObject>($"/api/tickets/{reference}");
        Assert.Equal("Alice", (string?)ticket!["assigneeName"]);
        Assert.Equal(HttpStatusCode.OK, (await alice.CompleteAsync(chat.ConversationId, resolved: true)).StatusCode);
        await ActivityAsync(user, chat, a => ((string?)a["text"])?.Contains("comme résolue", StringComparison.Ordinal) == true);
        ticket = await alice.Http.GetFromJsonAsync<JsonObject>($"/api/tickets/{reference}");
        Assert.Equal("resolved", (string?)ticket!["status"]);
    }

    [Fact]
    public async Task When_the_bot_fails_to_understand_twice_a_person_is_offeredAsync()
    {
        using var host = new HandoffTestHost();
        await using var alice = await host.AgentAsync("Alice", StaffRoles.Agent, "digisense");
        await alice.OpenFeedAsync();
        var user = host.User();
        var chat = await ChatSession.StartAsync(user, "dl_lost");
        await chat.SayAsync("Accepter et valider");
        await chat.SayAsync("La facture de mars affiche deux fois le même abonnement, le montant est doublé.");
        await AnswerUntilAsync(chat, "confirmation", new Dictionary<string, string>
        {
            ["product"] = "Espace client",
            ["category"] = "Facturation",
            ["name"] = "Marie Dupont",
            ["email"] = "marie.dupont@example.fr",
            ["phone"] = "06 12 34 56 78",
            ["customerNumber"] = "Pas client",
        });

        await chat.SayAsync("hmm peut-être bien");
        Assert.DoesNotContain(chat.BotMessages.TakeLast(2), m => ChatSession.Text(m).Contains("file d'attente", StringComparison.Ordinal));
        await chat.SayAsync("hmm peut-être bien");

        await ActivityAsync(user, chat, a => ((string?)a["text"])?.Contains("arrive pas à comprendre", StringComparison.Ordinal) == true);
        var initiate = await ActivityAsync(user, chat, a => IsEvent(a, "handoff.initiate"));
        Assert.Equal("not-understood", (string?)initiate["value"]!["reason"]);
        Assert.True((bool)initiate["value"]!["tried"]!["notUnderstoodTwice"]!);
        Assert.Equal("confirmation", (string?)initiate["value"]!["tried"]!["waitingFor"]);
    }

    [Fact]
    public async Task A_user_still_waiting_can_leave_the_queue_and_the_bot_answers_againAsync()
    {
        await using var alice = await _host.AgentAsync("Alice", StaffRoles.Agent, "digisense");
        await alice.OpenFeedAsync();
        var user = _host.User();
        var chat = await UserAsksForAPersonAsync(user, "dl_leaves");

        var replies = await chat.SayAsync("annuler");

        Assert.Contains(replies, r => ChatSession.Text(r).Contains("vous quittez la file", StringComparison.Ordinal));
        var gone = await alice.NextEventAsync(e => e.Name == "handoff" && (string?)e.Data!["state"] == "completed");
        Assert.Equal(chat.ConversationId, (string?)gone.Data!["conversationId"]);
        Assert.Empty(await alice.QueueAsync());
        Assert.Contains(await chat.SayAsync("aide"), r => (string?)r["from"]!["id"] == "bot");
    }

    [Fact]
    public async Task Outside_business_hours_the_user_is_told_when_the_team_is_back_and_the_ticket_is_kept_for_follow_upAsync()
    {
        using var host = new HandoffTestHost(open: false);
        await using var alice = await host.AgentAsync("Alice", StaffRoles.Agent, "digisense");
        await alice.OpenFeedAsync();
        var user = host.User();
        var chat = await ChatSession.StartAsync(user, "dl_closed");
        await chat.SayAsync("Accepter et valider");
        await chat.SayAsync("La facture de mars affiche deux fois le même abonnement, le montant est doublé.");
        var reference = await chat.AnswerUntilFiledAsync(new Dictionary<string, string>
        {
            ["product"] = "Espace client",
            ["category"] = "Facturation",
            ["name"] = "Marie Dupont",
            ["email"] = "marie.dupont@example.fr",
            ["phone"] = "06 12 34 56 78",
            ["customerNumber"] = "Pas client",
            ["confirmation"] = "Confirmer",
        });

        await chat.SayAsync("je veux parler à un conseiller");

        var told = ChatSession.Text(chat.LastPrompt);
        Assert.Contains("elle reprend lundi", told, StringComparison.Ordinal);
        Assert.Contains(reference, told, StringComparison.Ordinal);
        var failed = await ActivityAsync(user, chat, a => IsEvent(a, "handoff.status"));
        Assert.Equal("failed", (string?)failed["value"]!["state"]);
        Assert.Empty(await alice.QueueAsync());
        var ticket = await alice.Http.GetFromJsonAsync<JsonObject>($"/api/tickets/{reference}");
        Assert.Contains(ticket!["comments"]!.AsArray(), c => (bool)c!["internal"]! && ((string?)c["text"])!.Contains("recontacter", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Ownership_survives_a_restartAsync()
    {
        var data = ChannelAppFactory.NewDataDirectory();
        string conversationId, token;
        using (var before = new HandoffTestHost(data))
        {
            await using var alice = await before.AgentAsync("Alice", StaffRoles.Agent, "digisense");
            await alice.OpenFeedAsync();
            var chat = await UserAsksForAPersonAsync(before.User(), "dl_restart");
            Assert.Equal(HttpStatusCode.OK, (await alice.AcceptAsync(chat.ConversationId)).StatusCode);
            (conversationId, token) = (chat.ConversationId, chat.Token);
        }

        using var after = new HandoffTestHost(data);
        await using var aliceAgain = await after.AgentAsync("Alice", StaffRoles.Agent, "digisense");
        var active = await aliceAgain.QueueAsync("active");
        Assert.Contains(active, h => (string?)h!["conversationId"] == conversationId && (string?)h["agent"]!["name"] == "Alice");
        using var reply = await aliceAgain.SayAsync(conversationId, "Toujours là.");
        Assert.Equal(HttpStatusCode.OK, reply.StatusCode);
        await after.User().WaitForActivityAsync(conversationId, token, a => (string?)a["text"] == "Toujours là.");
    }
}
