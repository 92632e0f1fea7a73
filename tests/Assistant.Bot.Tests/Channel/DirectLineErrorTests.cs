using System.Net;
using Assistant.Bot.Channel.Protocol;

namespace Assistant.Bot.Tests.Channel;

public sealed class DirectLineErrorTests : IDisposable
{
    private readonly ChannelAppFactory _factory = new();
    private readonly DirectLineTestClient _client;

    public DirectLineErrorTests() => _client = new DirectLineTestClient(_factory.CreateClient());

    [Fact]
    public async Task Generate_without_the_secret_is_401Async()
    {
        using var none = _client.Request(HttpMethod.Post, "/v3/directline/tokens/generate", null);
        await DirectLineTestClient.AssertErrorAsync(await _client.Http.SendAsync(none), HttpStatusCode.Unauthorized, ErrorCodes.Unauthorized);

        var (_, token, _) = await _client.GenerateTokenAsync();
        using var withToken = _client.Request(HttpMethod.Post, "/v3/directline/tokens/generate", token);
        await DirectLineTestClient.AssertErrorAsync(await _client.Http.SendAsync(withToken), HttpStatusCode.Unauthorized, ErrorCodes.Unauthorized);
    }

    [Fact]
    public async Task Missing_or_forged_tokens_are_401Async()
    {
        var (conversationId, token, _, _) = await _client.StartAsync();

        await DirectLineTestClient.AssertErrorAsync(
            await _client.PostActivityAsync(conversationId, null, """{"type":"message","text":"x"}"""), HttpStatusCode.Unauthorized, ErrorCodes.Unauthorized);
        var forged = token[..^4] + (token.EndsWith("AAAA", StringComparison.Ordinal) ? "BBBB" : "AAAA");
        await DirectLineTestClient.AssertErrorAsync(
            await _client.PostActivityAsync(conversationId, forged, """{"type":"message","text":"x"}"""), HttpStatusCode.Unauthorized, ErrorCodes.Unauthorized);
    }

    [Fact]
    public async Task A_token_of_another_conversation_is_403_and_an_unknown_conversation_is_404Async()
    {
        var (first, _, _, _) = await _client.StartAsync();
        var (_, otherToken, _, _) = await _client.StartAsync();

        await DirectLineTestClient.AssertErrorAsync(
            await _client.PostActivityAsync(first, otherToken, """{"type":"message","text":"x"}"""), HttpStatusCode.Forbidden, ErrorCodes.Forbidden);
        using var read = _client.Request(HttpMethod.Get, $"/v3/directline/conversations/{first}/activities", otherToken);
        await DirectLineTestClient.AssertErrorAsync(await _client.Http.SendAsync(read), HttpStatusCode.Forbidden, ErrorCodes.Forbidden);

        await DirectLineTestClient.AssertErrorAsync(
            await _client.PostActivityAsync("no-such-conversation", ChannelAppFactory.Secret, """{"type":"message"}"""), HttpStatusCode.NotFound, ErrorCodes.NotFound);
        using var reconnect = _client.Request(HttpMethod.Get, "/v3/directline/conversations/no-such-conversation", ChannelAppFactory.Secret);
        await DirectLineTestClient.AssertErrorAsync(await _client.Http.SendAsync(reconnect), HttpStatusCode.NotFound, ErrorCodes.NotFound);
    }

    [Fact]
    public async Task Malformed_json_or_a_missing_type_is_400_and_stores_nothingAsync()
    {
        var (conversationId, token, _, _) = await _client.StartAsync();
        await _client.WaitForActivityAsync(conversationId, token, BotReplies.IsOpening);

        await DirectLineTestClient.AssertErrorAsync(
            await _client.PostActivityAsync(conversationId, token, """{"type":"message","text":"""), HttpStatusCode.BadRequest, ErrorCodes.BadSyntax);
        await DirectLineTestClient.AssertErrorAsync(
            await _client.PostActivityAsync(conversationId, token, """{"text":"sans type"}"""), HttpStatusCode.BadRequest, ErrorCodes.MissingProperty);
        await DirectLineTestClient.AssertErrorAsync(
            await _client.PostActivityAsync(conversationId, token, "[1,2]"), HttpStatusCode.BadRequest, ErrorCodes.BadSyntax);

        var set = await _client.GetActivitiesAsync(conversationId, token);
        Assert.Equal(BotReplies.OpeningCount, set["activities"]!.AsArray().Count);
    }

    [Fact]
    public async Task An_activity_over_256K_characters_is_413_and_one_just_under_is_acceptedAsync()
    {
        var (conversationId, token, _, _) = await _client.StartAsync();
        const string envelope = """{"type":"message","text":""}""";

        var tooBig = envelope.Insert(envelope.Length - 2, new string('a', (256 * 1024) - envelope.Length + 1));
        await DirectLineTestClient.AssertErrorAsync(
            await _client.PostActivityAsync(conversationId, token, tooBig), HttpStatusCode.RequestEntityTooLarge, ErrorCodes.MessageSizeTooBig);

        var justFits = envelope.Insert(envelope.Length - 2, new string('a', (256 * 1024) - envelope.Length));
        using var accepted = await _client.PostActivityAsync(conversationId, token, justFits);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
    }

    [Fact]
    public async Task Cors_preflight_allows_the_headers_webchat_sendsAsync()
    {
        using var preflight = new HttpRequestMessage(HttpMethod.Options, "/v3/directline/conversations");
        preflight.Headers.Add("Origin", "https://client.example");
        preflight.Headers.Add("Access-Control-Request-Method", "POST");
        preflight.Headers.Add("Access-Control-Request-Headers", "authorization,content-type,accept,x-requested-with,x-ms-bot-agent");

        using var response = await _client.Http.SendAsync(preflight);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        var allowed = string.Join(',', response.Headers.GetValues("Access-Control-Allow-Headers")).ToUpperInvariant();
        foreach (var header in new[] { "AUTHORIZATION", "CONTENT-TYPE", "ACCEPT", "X-REQUESTED-WITH", "X-MS-BOT-AGENT" })
        {
            Assert.Contains(header, allowed, StringComparison.Ordinal);
        }
    }

    public void Dispose() => _factory.Dispose();
}
