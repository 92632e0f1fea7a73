using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace Assistant.EndToEnd.Tests.Admin;

/// <summary>A visitor of the Digisense chat page talking over Direct Line from the test, as the page does.</summary>
public static class DirectLineVisitor
{
    /// <summary>
    /// A new visitor of the Digisense page waits for the greeting, says <paramref name="text"/>, and reads the bot's
    /// messages after it until one contains <paramref name="expected"/> (or time runs out); returns them.
    /// </summary>
    public static async Task<string> AskAsync(Uri server, string text, string expected)
    {
        using var http = new HttpClient { BaseAddress = server };
        var page = await PostAsync(http, "/api/directline/token", null, """{"operator":"digisense"}""");
        var started = await PostAsync(http, "/v3/directline/conversations", (string)page["token"]!, """{"user":{}}""");
        var conversation = (string)started["conversationId"]!;
        var token = (string)started["token"]!;
        await BotMessagesAsync(http, conversation, token, all => all.Count > 0);
        var message = new JsonObject { ["type"] = "message", ["text"] = text, ["from"] = new JsonObject { ["id"] = (string)page["userId"]! }, ["locale"] = "fr-FR" };
        await PostAsync(http, $"/v3/directline/conversations/{conversation}/activities", token, message.ToJsonString());
        var replies = await BotMessagesAsync(http, conversation, token, all => all.SkipWhile(m => m != "> " + text).Any(m => m.Contains(expected, StringComparison.Ordinal)));
        return string.Join("\n", replies.SkipWhile(m => m != "> " + text));
    }

    /// <summary>The conversation's messages (the user's prefixed with "> "), polled until <paramref name="done"/> or 15 seconds.</summary>
    private static async Task<List<string>> BotMessagesAsync(HttpClient http, string conversation, string token, Func<List<string>, bool> done)
    {
        var messages = new List<string>();
        for (var attempt = 0; attempt < 150; attempt++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"/v3/directline/conversations/{conversation}/activities");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var response = await http.SendAsync(request);
            messages = [.. JsonNode.Parse(await response.Content.ReadAsStringAsync())!["activities"]!.AsArray()
                .Where(a => (string?)a!["type"] == "message")
                .Select(a => ((string?)a!["from"]?["role"] == "bot" ? "" : "> ") + (string?)a!["text"])];
            if (done(messages))
            {
                return messages;
            }

            await Task.Delay(100);
        }

        return messages;
    }

    private static async Task<JsonObject> PostAsync(HttpClient http, string path, string? token, string json)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        using var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadAsStringAsync();
        return body.Length == 0 ? [] : JsonNode.Parse(body)!.AsObject();
    }
}
