using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Assistant.Bot.Tests.Channel;

/// <summary>Speaks Direct Line 3.0 to the test server the way a client would, with raw JSON results.</summary>
public sealed class DirectLineTestClient(HttpClient http)
{
    public HttpClient Http { get; } = http;

    /// <summary>Where conversation tests write the transcript they see (the test output), if anywhere.</summary>
    public Action<string>? Log { get; init; }

    public async Task<(string ConversationId, string Token, string UserId)> GenerateTokenAsync()
    {
        using var request = Request(HttpMethod.Post, "/v3/directline/tokens/generate", ChannelAppFactory.Secret);
        var body = await SendForJsonAsync(request, HttpStatusCode.OK);
        var token = (string)body["token"]!;
        return ((string)body["conversationId"]!, token, UserIdOf(token));
    }

    /// <summary>Generates a token and starts its conversation (201), as WebChat does without a conversation id.</summary>
    public async Task<(string ConversationId, string Token, string UserId, JsonObject Body)> StartAsync()
    {
        var (conversationId, token, userId) = await GenerateTokenAsync();
        using var request = Request(HttpMethod.Post, "/v3/directline/conversations", token, """{"user":{}}""");
        var body = await SendForJsonAsync(request, HttpStatusCode.Created);
        return (conversationId, token, userId, body);
    }

    public async Task<HttpResponseMessage> PostActivityAsync(string conversationId, string? token, string json)
    {
        using var request = Request(HttpMethod.Post, $"/v3/directline/conversations/{conversationId}/activities", token, json);
        return await Http.SendAsync(request);
    }

    public async Task<string> PostMessageAsync(string conversationId, string token, string text, string clientActivityId = "c-1")
    {
        var json = new JsonObject
        {
            ["type"] = "message",
            ["text"] = text,
            ["from"] = new JsonObject { ["id"] = "someone-else" },
            ["channelData"] = new JsonObject { ["clientActivityID"] = clientActivityId },
        }.ToJsonString();
        using var response = await PostActivityAsync(conversationId, token, json);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (string)(await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!;
    }

    public async Task<JsonObject> GetActivitiesAsync(string conversationId, string token, string? watermark = null)
    {
        using var request = Request(HttpMethod.Get, $"/v3/directline/conversations/{conversationId}/activities?watermark={watermark}", token);
        return await SendForJsonAsync(request, HttpStatusCode.OK);
    }

    /// <summary>Polls until an activity matches, as DirectLineJS polling would; fails after a few seconds.</summary>
    public async Task<JsonObject> WaitForActivityAsync(string conversationId, string token, Func<JsonObject, bool> match)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (DateTime.UtcNow < deadline)
        {
            var set = await GetActivitiesAsync(conversationId, token);
            var found = set["activities"]!.AsArray().OfType<JsonObject>().FirstOrDefault(match);
            if (found is not null)
            {
                return found;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException("The expected activity never arrived.");
    }

    public HttpRequestMessage Request(HttpMethod method, string path, string? bearer, string? json = null)
    {
        var request = new HttpRequestMessage(method, path);
        if (bearer is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        return request;
    }

    public async Task<JsonObject> SendForJsonAsync(HttpRequestMessage request, HttpStatusCode expected)
    {
        using var response = await Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"Expected {expected}, got {response.StatusCode}: {text}");
        return JsonNode.Parse(text)!.AsObject();
    }

    /// <summary>The <c>user</c> claim, read the way WebChat reads it.</summary>
    public static string UserIdOf(string token)
    {
        var payload = token.Split('.')[1].Replace('-', '+').Replace('_', '/');
        payload += new string('=', (4 - (payload.Length % 4)) % 4);
        return (string)JsonNode.Parse(Convert.FromBase64String(payload))!["user"]!;
    }

    /// <summary>Asserts a Direct Line ErrorResponse with that status and code.</summary>
    public static async Task AssertErrorAsync(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"Expected {status}, got {response.StatusCode}: {text}");
        using var document = JsonDocument.Parse(text);
        Assert.Equal(code, document.RootElement.GetProperty("error").GetProperty("code").GetString());
        Assert.False(string.IsNullOrWhiteSpace(document.RootElement.GetProperty("error").GetProperty("message").GetString()));
    }
}
