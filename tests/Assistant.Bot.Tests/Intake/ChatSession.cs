using System.Net;
using System.Text.Json.Nodes;
using Assistant.Bot.Tests.Channel;

namespace Assistant.Bot.Tests.Intake;

/// <summary>
/// A user in one Direct Line conversation, as a client sees it: says something, then reads the bot's
/// replies to that message (polling, watermark by watermark) until the bot has gone quiet.
/// </summary>
public sealed class ChatSession
{
    private readonly DirectLineTestClient _client;
    private string? _watermark;
    private int _sent;

    private ChatSession(DirectLineTestClient client, string conversationId, string token, string userId)
    {
        _client = client;
        ConversationId = conversationId;
        Token = token;
        UserId = userId;
    }

    public string ConversationId { get; }
    public string Token { get; }
    public string UserId { get; }

    /// <summary>How many messages the user has sent.</summary>
    public int Turns => _sent;

    /// <summary>Everything the bot said so far, in order.</summary>
    public List<JsonObject> BotMessages { get; } = [];

    public JsonObject LastPrompt => BotMessages[^1];

    public string? PendingSlot => (string?)LastPrompt["channelData"]?["slot"];

    /// <summary>A conversation on the default operator for a chosen user id (the secret may name the user).</summary>
    public static async Task<ChatSession> StartAsync(DirectLineTestClient client, string userId)
    {
        using var request = client.Request(HttpMethod.Post, "/v3/directline/conversations", ChannelAppFactory.Secret, $$$"""{"user":{"id":"{{{userId}}}"}}""");
        var body = await client.SendForJsonAsync(request, HttpStatusCode.Created);
        var session = new ChatSession(client, (string)body["conversationId"]!, (string)body["token"]!, userId);
        await session.ReadRepliesAsync(minimum: 1);
        return session;
    }

    /// <summary>A new visitor of an operator's page: a page token from <c>/api/directline/token</c>, then start.</summary>
    public static async Task<ChatSession> StartOnPageAsync(DirectLineTestClient client, string operatorId)
    {
        using var tokenRequest = client.Request(HttpMethod.Post, "/api/directline/token", null, $$$"""{"operator":"{{{operatorId}}}"}""");
        var page = await client.SendForJsonAsync(tokenRequest, HttpStatusCode.OK);
        var token = (string)page["token"]!;
        using var request = client.Request(HttpMethod.Post, "/v3/directline/conversations", token, """{"user":{}}""");
        var body = await client.SendForJsonAsync(request, HttpStatusCode.Created);
        var session = new ChatSession(client, (string)body["conversationId"]!, (string)body["token"]!, (string)page["userId"]!);
        await session.ReadRepliesAsync(minimum: 1);
        return session;
    }

    /// <summary>Resumes an existing conversation (another visit, or after a restart) with a token from the secret.</summary>
    public static async Task<ChatSession> ResumeAsync(DirectLineTestClient client, string conversationId, string userId)
    {
        var session = new ChatSession(client, conversationId, ChannelAppFactory.Secret, userId);
        var all = await client.GetActivitiesAsync(conversationId, ChannelAppFactory.Secret);
        session._watermark = (string?)all["watermark"];
        session.BotMessages.AddRange(all["activities"]!.AsArray().OfType<JsonObject>().Where(IsBotMessage));
        return session;
    }

    public async Task<IReadOnlyList<JsonObject>> SayAsync(string text)
    {
        _sent++;
        _client.Log?.Invoke($"user: {text}");
        var json = new JsonObject
        {
            ["type"] = "message",
            ["text"] = text,
            ["from"] = new JsonObject { ["id"] = UserId },
            ["locale"] = "fr-FR",
            ["channelData"] = new JsonObject { ["clientActivityID"] = $"c-{_sent}" },
        }.ToJsonString();
        using var response = await _client.PostActivityAsync(ConversationId, Token, json);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await ReadRepliesAsync(minimum: 1);
    }

    /// <summary>Sends a message with one file through the upload endpoint, as WebChat does, and reads the replies.</summary>
    public async Task<IReadOnlyList<JsonObject>> SendFileAsync(string text, string fileName, byte[] bytes, string contentType)
    {
        _sent++;
        _client.Log?.Invoke($"user: {text} [{fileName}]");
        using var form = new MultipartFormDataContent();
        var activity = new JsonObject
        {
            ["type"] = "message",
            ["text"] = text,
            ["attachments"] = new JsonArray(new JsonObject { ["contentType"] = contentType, ["name"] = fileName }),
            ["channelData"] = new JsonObject { ["clientActivityID"] = $"c-{_sent}" },
        };
        var activityPart = new StringContent(activity.ToJsonString(), System.Text.Encoding.UTF8);
        activityPart.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/vnd.microsoft.activity");
        form.Add(activityPart, "activity", "blob");
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);
        form.Add(file, "file", fileName);
        using var request = _client.Request(HttpMethod.Post, $"/v3/directline/conversations/{ConversationId}/upload?userId={UserId}", Token);
        request.Content = form;
        using var response = await _client.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await ReadRepliesAsync(minimum: 1);
    }

    /// <summary>Waits for what the bot says without being asked (an agent's comment, a status change).</summary>
    public Task<IReadOnlyList<JsonObject>> ReceiveAsync() => ReadRepliesAsync(minimum: 1);

    /// <summary>Answers whatever the bot asks, from a table of slot answers, until a ticket reference comes back.</summary>
    public async Task<string> AnswerUntilFiledAsync(IReadOnlyDictionary<string, string> answers, int maxTurns = 15)
    {
        for (var i = 0; i < maxTurns; i++)
        {
            var reference = ReferenceIn(BotMessages.TakeLast(3));
            if (reference is not null)
            {
                return reference;
            }
            var slot = PendingSlot ?? throw new InvalidOperationException($"The bot asked nothing: {Text(LastPrompt)}");
            if (!answers.TryGetValue(slot, out var answer))
            {
                throw new InvalidOperationException($"No scripted answer for slot '{slot}': {Text(LastPrompt)}");
            }
            await SayAsync(answer);
        }
        throw new InvalidOperationException("No ticket after the maximum number of turns.");
    }

    /// <summary>A new visitor who files one ticket through the whole intake: known contact details, not a customer.</summary>
    public static async Task<(ChatSession Chat, string Reference)> FileTicketAsync(
        DirectLineTestClient client, string userId, string description, string category, string product)
    {
        var chat = await StartAsync(client, userId);
        var reference = await chat.AnswerUntilFiledAsync(new Dictionary<string, string>
        {
            ["consent"] = "Accepter et valider",
            ["description"] = description,
            ["category"] = category,
            ["product"] = product,
            ["name"] = "Marie Dupont",
            ["email"] = "marie.dupont@example.fr",
            ["phone"] = "Passer",
            ["customerNumber"] = "Pas client",
            ["confirmation"] = "Confirmer",
        });
        return (chat, reference);
    }

    public static string? ReferenceIn(IEnumerable<JsonObject> messages) =>
        messages.Select(m => System.Text.RegularExpressions.Regex.Match(Text(m), @"((?:DGS|ICN)-\d{4}-\d{6}) (?:est enregistrée|is recorded)"))
            .Where(m => m.Success)
            .Select(m => m.Groups[1].Value)
            .LastOrDefault();

    public static string Text(JsonObject message) => (string?)message["text"] ?? "";

    private async Task<IReadOnlyList<JsonObject>> ReadRepliesAsync(int minimum)
    {
        var replies = new List<JsonObject>();
        var deadline = DateTime.UtcNow.AddSeconds(15);
        var quietSince = DateTime.UtcNow;
        while (DateTime.UtcNow < deadline)
        {
            var set = await _client.GetActivitiesAsync(ConversationId, Token, _watermark);
            var fresh = set["activities"]!.AsArray().OfType<JsonObject>().Where(IsBotMessage).ToList();
            _watermark = (string?)set["watermark"] ?? _watermark;
            if (fresh.Count > 0)
            {
                replies.AddRange(fresh);
                quietSince = DateTime.UtcNow;
            }
            // The bot marks all but the last message of a turn "ignoringInput": wait for the last one.
            else if (replies.Count >= minimum && (string?)replies[^1]["inputHint"] != "ignoringInput"
                && DateTime.UtcNow - quietSince > TimeSpan.FromMilliseconds(300))
            {
                break;
            }
            await Task.Delay(40);
        }
        Assert.True(replies.Count >= minimum, "The bot did not answer.");
        foreach (var reply in replies)
        {
            _client.Log?.Invoke($"bot [{(string?)reply["channelData"]?["slot"]}]: {Text(reply)}");
        }
        BotMessages.AddRange(replies);
        return replies;
    }

    private static bool IsBotMessage(JsonObject activity) =>
        (string?)activity["type"] == "message" && (string?)activity["from"]?["role"] == "bot";
}
