using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Assistant.Bot.Channel.Protocol;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Assistant.Bot.Tests.Channel;

public sealed class WebChatTokenTests : IDisposable
{
    private readonly ChannelAppFactory _factory = new();

    [Fact]
    public async Task A_returning_visitor_keeps_their_id_and_resumes_their_conversation_with_that_operatorAsync()
    {
        var browser = _factory.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = true });
        var first = await RequestTokenAsync(browser, """{"operator":"icosnet"}""");
        Assert.Null(first["conversationId"]);
        var userId = (string)first["userId"]!;
        Assert.Equal(userId, DirectLineTestClient.UserIdOf((string)first["token"]!));

        var client = new DirectLineTestClient(browser);
        using var start = client.Request(HttpMethod.Post, "/v3/directline/conversations", (string)first["token"]!, "{}");
        var started = await client.SendForJsonAsync(start, HttpStatusCode.Created);
        var greeting = await client.WaitForActivityAsync((string)started["conversationId"]!, (string)first["token"]!, BotReplies.IsGreeting);
        Assert.Equal("ICOSNET", (string?)greeting["from"]!["name"]);

        var back = await RequestTokenAsync(browser, """{"operator":"icosnet"}""");
        Assert.Equal(userId, (string?)back["userId"]);
        Assert.Equal((string?)started["conversationId"], (string?)back["conversationId"]);

        var otherOperator = await RequestTokenAsync(browser, """{"operator":"digisense"}""");
        Assert.Equal(userId, (string?)otherOperator["userId"]);
        Assert.Null(otherOperator["conversationId"]);
    }

    [Fact]
    public async Task Nobody_gets_another_visitors_identity_by_sending_an_id_or_a_forged_cookieAsync()
    {
        var victim = _factory.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = true });
        var victimId = (string)(await RequestTokenAsync(victim, "{}"))["userId"]!;

        var attacker = _factory.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false });
        var viaBody = await RequestTokenAsync(attacker, $$$"""{"userId":"{{{victimId}}}","user":{"id":"{{{victimId}}}"}}""");
        Assert.NotEqual(victimId, (string?)viaBody["userId"]);

        using var forged = new HttpRequestMessage(HttpMethod.Post, "/api/directline/token") { Content = JsonContent.Create(new { }) };
        forged.Headers.Add("Cookie", $"sa_visitor={victimId}");
        using var response = await attacker.SendAsync(forged);
        var viaCookie = await response.Content.ReadFromJsonAsync<JsonObject>();
        Assert.NotEqual(victimId, (string?)viaCookie!["userId"]);
    }

    [Fact]
    public async Task An_unknown_operator_or_a_malformed_body_is_400Async()
    {
        var browser = _factory.CreateClient();

        using var unknown = await browser.PostAsync("/api/directline/token", new StringContent("""{"operator":"nope"}""", System.Text.Encoding.UTF8, "application/json"));
        await DirectLineTestClient.AssertErrorAsync(unknown, HttpStatusCode.BadRequest, ErrorCodes.BadArgument);
        using var malformed = await browser.PostAsync("/api/directline/token", new StringContent("""{"operator":""", System.Text.Encoding.UTF8, "application/json"));
        await DirectLineTestClient.AssertErrorAsync(malformed, HttpStatusCode.BadRequest, ErrorCodes.BadSyntax);
    }

    private static async Task<JsonObject> RequestTokenAsync(HttpClient browser, string json)
    {
        using var response = await browser.PostAsync("/api/directline/token", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        var body = JsonNode.Parse(text)!.AsObject();
        Assert.InRange((int)body["expires_in"]!, 60, 1800);
        return body;
    }

    public void Dispose() => _factory.Dispose();
}
