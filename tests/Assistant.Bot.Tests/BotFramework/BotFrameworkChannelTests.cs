using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Assistant.Bot.BotFramework;
using Assistant.Bot.Tests.Handoff;
using Assistant.Ticketing.Staff;

namespace Assistant.Bot.Tests.BotFramework;

/// <summary>
/// A Teams user on the far side of <c>/api/messages</c>, played by the real botbuilder SDK (tests/protocol/botframework-channel.js):
/// its HTTP client posts the user's activities, its channel-service routes are the Connector the bot answers through.
/// No app id is configured, so the endpoint takes loopback calls unauthenticated, as for the Emulator.
/// </summary>
[Trait("Category", "Protocol")]
public sealed class BotFrameworkChannelTests : IDisposable
{
    private readonly HandoffTestHost _host = new();

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task A_Teams_user_files_a_ticket_is_told_of_its_update_and_gets_the_agents_reply_in_a_handoffAsync()
    {
        const string agentText = "Bonjour Claire, je regarde votre facture tout de suite.";
        var bot = _host.Factory.StartKestrel();
        await using var alice = await _host.AgentAsync("Alice", StaffRoles.Agent, "digisense");
        await alice.OpenFeedAsync();
        await using var channel = ChannelScript.Start(bot, agentText);

        // Every reply of the intake went to the Connector as a reply to the message it answers, in the Teams conversation.
        var filed = await channel.NextStepAsync("filed");
        var reference = (string)filed["reference"]!;
        var conversationId = ChannelActivities.ConversationIdOf("msteams", (string)filed["conversationId"]!);
        Assert.True((bool)filed["repliesAddressed"]!, channel.Transcript);
        Assert.True((bool)filed["suggestedActions"]!, "a Teams personal chat gets the choices as suggested actions");
        Assert.True((bool)filed["nameOffered"]!, "the Teams name is offered when the name is asked");
        var ticket = await alice.Http.GetFromJsonAsync<JsonObject>($"/api/tickets/{reference}");
        Assert.Equal(conversationId, (string?)ticket!["conversationId"]);
        Assert.Equal("claire.petit@example.fr", (string?)ticket["requester"]!["email"]);
        Assert.Equal("msteams:29:1user-claire", (string?)ticket["requester"]!["userId"]);
        Assert.DoesNotContain("<at>", (string?)ticket["description"], StringComparison.Ordinal);
        Assert.Contains("facture de mars", (string?)ticket["description"], StringComparison.Ordinal);

        // The team opens the ticket: the user hears of it through the Connector without having written anything.
        using (var patched = await alice.Http.PatchAsJsonAsync($"/api/tickets/{reference}", new { status = "open" }))
        {
            Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
        }

        var update = await channel.NextStepAsync("ticket-update");
        Assert.Contains(reference, (string?)update["text"], StringComparison.Ordinal);

        // Asking for a person queues the conversation for the agents; the agent's message reaches Teams.
        await channel.NextStepAsync("handoff-requested");
        await alice.NextEventAsync(e => e.Name == "handoff" && e.Data?.ToJsonString().Contains(conversationId, StringComparison.Ordinal) == true);
        Assert.Equal(HttpStatusCode.OK, (await alice.AcceptAsync(conversationId)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await alice.SayAsync(conversationId, agentText)).StatusCode);
        var reply = await channel.NextStepAsync("agent-reply");
        Assert.StartsWith("**Alice**", (string?)reply["text"], StringComparison.Ordinal);
        Assert.Equal("28:bot-app", (string?)reply["fromBot"]);
        Assert.Equal(0, await channel.WaitForExitAsync());
    }
}
