using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Assistant.Bot.Admin.Audit;
using Assistant.Bot.Channel.Storage;
using Assistant.Bot.Tests.Admin;
using Assistant.Bot.Tests.Intake;

namespace Assistant.Bot.Tests.Moderation;

/// <summary>
/// The "wrong decision" button of both consoles: agents and admins relabel a user message they can see; the server
/// takes the text from the stored conversation; admins list and withdraw relabels; a user's erasure removes them.
/// </summary>
public sealed class RelabelsApiTests : IDisposable
{
    private const string Insult = "Vous êtes une bande d'incapables et d'escrocs, votre service est une honte";

    private readonly AdminHost _host = new();

    public void Dispose() => _host.Dispose();

    private async Task<(ChatSession Chat, string UserActivityId, string BotActivityId)> ChatAsync(string operatorId, string userId, string text)
    {
        var chat = operatorId == "digisense"
            ? await ChatSession.StartAsync(_host.DirectLine, userId)
            : await ChatSession.StartOnPageAsync(_host.DirectLine, operatorId);
        await chat.SayAsync(text);
        var user = _host.UserMessageId(chat.ConversationId, text);
        var bot = _host.Service<ConversationStore>().ReadAfter(chat.ConversationId, 0).SkipWhile(a => a.Id != user).Skip(1).First(a => a.Type == "message");
        return (chat, user, bot.Id);
    }

    private static async Task<JsonObject> ReadAsync(HttpResponseMessage response) => (await response.Content.ReadFromJsonAsync<JsonObject>())!;

    [Fact]
    public async Task An_agent_relabels_a_message_the_server_reads_from_the_conversation_and_the_admin_lists_itAsync()
    {
        var (chat, activityId, _) = await ChatAsync("digisense", "dl_relabel-1", Insult);
        var decision = _host.Service<AuditLog>().ModerationDecisionFor(chat.ConversationId, activityId);
        Assert.NotNull(decision);
        var agent = await _host.AgentAsync();

        using var created = await agent.PostAsJsonAsync("/api/moderation/relabels",
            new { conversationId = chat.ConversationId, activityId, label = "offtopic", note = "test" });
        using var again = await agent.PostAsJsonAsync("/api/moderation/relabels",
            new { conversationId = chat.ConversationId, activityId, label = "ok" });

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var relabel = await ReadAsync(again);
        Assert.Equal(Insult, (string)relabel["text"]!);
        Assert.Equal(decision.Label, (string)relabel["originalLabel"]!);
        Assert.Equal("ok", (string)relabel["label"]!);
        Assert.Equal("dl_relabel-1", (string)relabel["userId"]!);

        var admin = await _host.AdminAsync();
        var listed = Assert.Single((await admin.GetFromJsonAsync<JsonArray>("/api/moderation/relabels"))!)!;
        Assert.Equal("ok", (string)listed["label"]!);
        // The agent console shows a conversation's relabels; agents never get the whole list.
        var inConversation = Assert.Single((await agent.GetFromJsonAsync<JsonArray>($"/api/moderation/relabels?conversationId={chat.ConversationId}"))!)!;
        Assert.Equal(activityId, (string)inConversation["activityId"]!);
        using var all = await agent.GetAsync("/api/moderation/relabels");
        Assert.Equal(HttpStatusCode.Forbidden, all.StatusCode);
        var audited = _host.Audit("relabel.save");
        Assert.Equal(2, audited.Count);
        Assert.All(audited, e => Assert.DoesNotContain("incapables", e.Details, StringComparison.Ordinal));
        Assert.Equal("staff:" + _host.Agent.Id, audited[0].Actor);
    }

    [Fact]
    public async Task Only_user_text_messages_of_a_conversation_the_caller_can_see_are_relabelledAsync()
    {
        var (chat, activityId, botActivityId) = await ChatAsync("digisense", "dl_relabel-2", "Ma Ibox ne synchronise plus depuis ce matin");
        var (other, otherActivityId, _) = await ChatAsync("icosnet", "", "Je ne reçois plus mes factures depuis mars");
        var agent = await _host.AgentAsync();

        async Task<HttpStatusCode> RelabelAsync(HttpClient client, object body)
        {
            using var response = await client.PostAsJsonAsync("/api/moderation/relabels", body);
            return response.StatusCode;
        }

        Assert.Equal(HttpStatusCode.BadRequest, await RelabelAsync(agent, new { conversationId = chat.ConversationId, activityId, label = "spam" }));
        Assert.Equal(HttpStatusCode.BadRequest, await RelabelAsync(agent, new { conversationId = chat.ConversationId, activityId = botActivityId, label = "ok" }));
        Assert.Equal(HttpStatusCode.NotFound, await RelabelAsync(agent, new { conversationId = chat.ConversationId, activityId = chat.ConversationId + "|9999999", label = "ok" }));
        Assert.Equal(HttpStatusCode.NotFound, await RelabelAsync(agent, new { conversationId = "unknown", activityId, label = "ok" }));
        // The agent works for Digisense only: an ICOSNET conversation does not exist for them.
        Assert.Equal(HttpStatusCode.NotFound, await RelabelAsync(agent, new { conversationId = other.ConversationId, activityId = otherActivityId, label = "abusive" }));
        Assert.Equal(HttpStatusCode.Unauthorized, await RelabelAsync(_host.Anonymous, new { conversationId = chat.ConversationId, activityId, label = "ok" }));
        Assert.Equal(HttpStatusCode.Created, await RelabelAsync(await _host.AdminAsync(), new { conversationId = other.ConversationId, activityId = otherActivityId, label = "abusive" }));

        using var otherList = await agent.GetAsync($"/api/moderation/relabels?conversationId={other.ConversationId}");
        Assert.Equal(HttpStatusCode.NotFound, otherList.StatusCode);
        var stored = Assert.Single((await (await _host.AdminAsync()).GetFromJsonAsync<JsonArray>("/api/moderation/relabels"))!)!;
        Assert.Equal(other.ConversationId, (string)stored["conversationId"]!);
    }

    [Fact]
    public async Task An_admin_withdraws_a_relabel_and_a_users_erasure_removes_theirsAsync()
    {
        var (first, firstId, _) = await ChatAsync("digisense", "dl_relabel-3", Insult);
        var (second, secondId, _) = await ChatAsync("digisense", "dl_relabel-4", "Quel temps fera-t-il demain à Lyon ?");
        var admin = await _host.AdminAsync();
        var withdrawn = await ReadAsync(await admin.PostAsJsonAsync("/api/moderation/relabels", new { conversationId = first.ConversationId, activityId = firstId, label = "ok" }));
        using var kept = await admin.PostAsJsonAsync("/api/moderation/relabels", new { conversationId = second.ConversationId, activityId = secondId, label = "offtopic" });

        using var deleted = await admin.DeleteAsync($"/api/moderation/relabels/{(string)withdrawn["id"]!}");
        using var deletedAgain = await admin.DeleteAsync($"/api/moderation/relabels/{(string)withdrawn["id"]!}");
        using var agentDelete = await (await _host.AgentAsync()).DeleteAsync($"/api/moderation/relabels/{(string)withdrawn["id"]!}");

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, deletedAgain.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, agentDelete.StatusCode);
        Assert.Single(_host.Audit("relabel.delete"));
        var export = await admin.GetFromJsonAsync<JsonObject>("/api/admin/users/dl_relabel-4/export");
        Assert.Single(export!["relabels"]!.AsArray());

        using var erased = await admin.DeleteAsync("/api/admin/users/dl_relabel-4");

        Assert.Equal(1, (int)(await ReadAsync(erased))["relabels"]!);
        Assert.Empty((await admin.GetFromJsonAsync<JsonArray>("/api/moderation/relabels"))!);
    }
}
