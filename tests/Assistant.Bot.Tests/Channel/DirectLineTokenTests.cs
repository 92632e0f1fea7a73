using System.Net;
using Assistant.Bot.Channel.Protocol;

namespace Assistant.Bot.Tests.Channel;

public sealed class DirectLineTokenTests : IDisposable
{
    private readonly ChannelAppFactory _factory = new();
    private readonly DirectLineTestClient _client;

    public DirectLineTokenTests() => _client = new DirectLineTestClient(_factory.CreateClient());

    [Fact]
    public async Task Refresh_gives_a_new_token_for_the_same_conversation_that_outlives_the_old_oneAsync()
    {
        var (conversationId, token, userId, _) = await _client.StartAsync();
        _factory.Clock.Advance(TimeSpan.FromMinutes(20));

        using var refresh = _client.Request(HttpMethod.Post, "/v3/directline/tokens/refresh", token);
        var body = await _client.SendForJsonAsync(refresh, HttpStatusCode.OK);
        var renewed = (string)body["token"]!;
        Assert.Equal(conversationId, (string?)body["conversationId"]);
        Assert.Equal(userId, DirectLineTestClient.UserIdOf(renewed));

        _factory.Clock.Advance(TimeSpan.FromMinutes(15));
        await DirectLineTestClient.AssertErrorAsync(
            await _client.PostActivityAsync(conversationId, token, """{"type":"message","text":"x"}"""), HttpStatusCode.Forbidden, ErrorCodes.TokenExpired);
        Assert.NotEmpty(await _client.PostMessageAsync(conversationId, renewed, "toujours là"));
    }

    [Fact]
    public async Task An_expired_token_cannot_be_refreshed_nor_reconnectAsync()
    {
        var (conversationId, token, _, _) = await _client.StartAsync();
        _factory.Clock.Advance(TimeSpan.FromMinutes(31));

        using var refresh = _client.Request(HttpMethod.Post, "/v3/directline/tokens/refresh", token);
        await DirectLineTestClient.AssertErrorAsync(await _client.Http.SendAsync(refresh), HttpStatusCode.Forbidden, ErrorCodes.TokenExpired);
        using var reconnect = _client.Request(HttpMethod.Get, $"/v3/directline/conversations/{conversationId}?watermark=1", token);
        await DirectLineTestClient.AssertErrorAsync(await _client.Http.SendAsync(reconnect), HttpStatusCode.Forbidden, ErrorCodes.TokenExpired);
    }

    [Fact]
    public async Task Reconnect_returns_a_stream_url_carrying_the_watermarkAsync()
    {
        var (conversationId, token, _, _) = await _client.StartAsync();

        using var reconnect = _client.Request(HttpMethod.Get, $"/v3/directline/conversations/{conversationId}?watermark=7", token);
        var body = await _client.SendForJsonAsync(reconnect, HttpStatusCode.OK);

        Assert.Contains("watermark=7", (string?)body["streamUrl"], StringComparison.Ordinal);
        Assert.Equal(token, (string?)body["token"]);
    }

    public void Dispose() => _factory.Dispose();
}
