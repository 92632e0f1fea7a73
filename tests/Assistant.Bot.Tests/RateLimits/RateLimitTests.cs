using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Assistant.Bot.Tests.Channel;

namespace Assistant.Bot.Tests.RateLimits;

/// <summary>
/// Low limits (a burst of 3, one more a minute) so a short flood is enough: the flooding visitor gets 429 with
/// Retry-After and the refused messages are not in the conversation; another visitor posts as usual.
/// </summary>
public sealed class RateLimitTests : IDisposable
{
    private readonly ChannelAppFactory _factory = new();
    private readonly DirectLineTestClient _client;

    public RateLimitTests()
    {
        foreach (var limit in new[] { "MessagesPerConversation", "UploadsPerConversation" })
        {
            _factory.Settings[$"Assistant:RateLimits:{limit}:PerMinute"] = "1";
            _factory.Settings[$"Assistant:RateLimits:{limit}:Burst"] = "3";
        }

        _factory.Settings["Assistant:RateLimits:MessagesPerVisitor:PerMinute"] = "1";
        _factory.Settings["Assistant:RateLimits:MessagesPerVisitor:Burst"] = "5";
        _client = new DirectLineTestClient(_factory.CreateClient());
    }

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task A_flooding_visitor_gets_429_with_retry_after_while_another_visitor_is_unaffectedAsync()
    {
        var (flooded, floodToken, _, _) = await _client.StartAsync();
        var (other, otherToken, _, _) = await _client.StartAsync();

        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? refused = null;
        for (var i = 0; i < 8; i++)
        {
            var response = await _client.PostActivityAsync(flooded, floodToken, Message($"flood {i}"));
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                refused ??= response;
            }
        }

        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.OK, 3), .. Enumerable.Repeat(HttpStatusCode.TooManyRequests, 5)], statuses);
        Assert.True(int.Parse(refused!.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture) >= 1);
        Assert.Equal("TooManyRequests", (string?)(await refused.Content.ReadFromJsonAsync<JsonObject>())!["error"]!["code"]);

        for (var i = 0; i < 3; i++)
        {
            using var response = await _client.PostActivityAsync(other, otherToken, Message($"calme {i}"));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        var texts = await UserTextsAsync(flooded, floodToken);
        Assert.Equal(["flood 0", "flood 1", "flood 2"], texts);
    }

    [Fact]
    public async Task A_visitor_spreading_a_flood_over_conversations_is_limited_as_one_visitorAsync()
    {
        var (first, firstToken, userId) = await _client.GenerateTokenAsync();
        await OpenAsync(firstToken);
        var second = await TokenForAsync(userId);
        await OpenAsync(second.Token);

        var statuses = new List<HttpStatusCode>();
        foreach (var (conversationId, token) in new[] { (first, firstToken), (first, firstToken), (first, firstToken), second, second, second })
        {
            using var response = await _client.PostActivityAsync(conversationId, token, Message("encore"));
            statuses.Add(response.StatusCode);
        }

        // Three per conversation would pass; five for the visitor is the limit.
        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.OK, 5), HttpStatusCode.TooManyRequests], statuses);
    }

    [Fact]
    public async Task Uploads_past_the_limit_get_429Async()
    {
        var (conversationId, token, userId, _) = await _client.StartAsync();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            using var request = _client.Request(HttpMethod.Post, $"/v3/directline/conversations/{conversationId}/upload?userId={userId}", token);
            var file = new ByteArrayContent("bonjour"u8.ToArray());
            file.Headers.ContentType = new MediaTypeHeaderValue("text/plain");
            request.Content = new MultipartFormDataContent { { file, "file", "note.txt" } };
            using var response = await _client.Http.SendAsync(request);
            statuses.Add(response.StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
    }

    private async Task<(string ConversationId, string Token)> TokenForAsync(string userId)
    {
        using var request = _client.Request(HttpMethod.Post, "/v3/directline/tokens/generate", ChannelAppFactory.Secret,
            new JsonObject { ["user"] = new JsonObject { ["id"] = userId } }.ToJsonString());
        var body = await _client.SendForJsonAsync(request, HttpStatusCode.OK);
        return ((string)body["conversationId"]!, (string)body["token"]!);
    }

    private async Task OpenAsync(string token)
    {
        using var request = _client.Request(HttpMethod.Post, "/v3/directline/conversations", token, """{"user":{}}""");
        await _client.SendForJsonAsync(request, HttpStatusCode.Created);
    }

    private async Task<List<string>> UserTextsAsync(string conversationId, string token)
    {
        var set = await _client.GetActivitiesAsync(conversationId, token);
        return [.. set["activities"]!.AsArray().OfType<JsonObject>()
            .Where(a => (string?)a["from"]?["role"] == "user" && (string?)a["type"] == "message")
            .Select(a => (string)a["text"]!)];
    }

    private static string Message(string text) =>
        new JsonObject { ["type"] = "message", ["text"] = text, ["from"] = new JsonObject { ["id"] = "x" } }.ToJsonString();
}
