using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Assistant.Bot.Tests.Channel;

namespace Assistant.Bot.Tests.BotFramework;

/// <summary>
/// The inbound checks of <c>/api/messages</c> against keys and an OpenID metadata endpoint this test serves: every bad
/// token is refused before the activity enters the conversation, a good one is accepted and answered through the Connector.
/// </summary>
public sealed class BotFrameworkAuthTests : IAsyncLifetime
{
    private TokenIssuer _issuer = null!;
    private ChannelAppFactory _factory = null!;
    private HttpClient _client = null!;
    private string _kid = "";

    public async Task InitializeAsync()
    {
        _issuer = await TokenIssuer.StartAsync();
        _kid = _issuer.Publish("msteams", "webchat");
        _factory = new ChannelAppFactory();
        _factory.Settings["Bot:MicrosoftAppId"] = TokenIssuer.AppId;
        _factory.Settings["Bot:MicrosoftAppPassword"] = "test-password";
        _factory.Settings["Bot:OpenIdMetadataUrl"] = _issuer.MetadataUrl;
        _factory.Settings["Bot:TokenEndpoint"] = _issuer.TokenEndpoint;
        _client = _factory.CreateClient();
    }

    public async Task DisposeAsync()
    {
        await _factory.DisposeAsync();
        await _issuer.DisposeAsync();
    }

    [Fact]
    public async Task A_valid_token_is_accepted_and_the_bot_answers_through_the_connector_with_its_own_tokenAsync()
    {
        var response = await PostAsync(_issuer.CreateToken(_kid), Message("msteams", "Bonjour"));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var reply = await WaitForReplyAsync();
        Assert.Equal("Bearer connector-token-1", reply.Authorization);
        Assert.Equal("/connector/v3/conversations/conv-1/activities/channel-activity-1", reply.Path);
        Assert.Equal("message", (string?)reply.Activity["type"]);
        Assert.Equal("conv-1", (string?)reply.Activity["conversation"]!["id"]);
        Assert.Equal("user-1", (string?)reply.Activity["recipient"]!["id"]);
    }

    [Fact]
    public async Task A_token_expired_within_the_five_minute_skew_is_still_acceptedAsync()
    {
        var response = await PostAsync(_issuer.CreateToken(_kid, expires: DateTime.UtcNow.AddMinutes(-3)), Message("msteams", "Bonjour"));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    [Fact]
    public async Task No_token_is_401Async() =>
        Assert.Equal(HttpStatusCode.Unauthorized, (await PostAsync(null, Message("msteams", "Bonjour"))).StatusCode);

    [Fact]
    public async Task A_wrong_issuer_is_401Async() =>
        Assert.Equal(HttpStatusCode.Unauthorized, (await PostAsync(_issuer.CreateToken(_kid, issuer: "https://evil.example.com"), Message("msteams", "Bonjour"))).StatusCode);

    [Fact]
    public async Task A_wrong_audience_is_401Async() =>
        Assert.Equal(HttpStatusCode.Unauthorized, (await PostAsync(_issuer.CreateToken(_kid, audience: "another-bot"), Message("msteams", "Bonjour"))).StatusCode);

    [Fact]
    public async Task A_token_expired_beyond_the_skew_is_401Async() =>
        Assert.Equal(HttpStatusCode.Unauthorized, (await PostAsync(_issuer.CreateToken(_kid, expires: DateTime.UtcNow.AddMinutes(-6)), Message("msteams", "Bonjour"))).StatusCode);

    [Fact]
    public async Task A_serviceurl_claim_other_than_the_activitys_serviceUrl_is_401Async() =>
        Assert.Equal(HttpStatusCode.Unauthorized, (await PostAsync(_issuer.CreateToken(_kid, serviceUrl: "https://smba.trafficmanager.net/emea/"), Message("msteams", "Bonjour"))).StatusCode);

    [Fact]
    public async Task A_channel_the_signing_key_is_not_endorsed_for_is_403Async() =>
        Assert.Equal(HttpStatusCode.Forbidden, (await PostAsync(_issuer.CreateToken(_kid), Message("slack", "Bonjour"))).StatusCode);

    [Fact]
    public async Task A_known_key_id_with_another_keys_signature_is_401Async()
    {
        var (_, forger) = TokenIssuer.Unpublished();

        Assert.Equal(HttpStatusCode.Unauthorized, (await PostAsync(_issuer.CreateToken(_kid, signingKey: forger), Message("msteams", "Bonjour"))).StatusCode);
    }

    [Fact]
    public async Task An_unknown_key_fetches_the_key_set_once_more_then_is_refused_and_a_rotated_key_is_foundAsync()
    {
        Assert.Equal(HttpStatusCode.Accepted, (await PostAsync(_issuer.CreateToken(_kid), Message("msteams", "Bonjour"))).StatusCode);
        Assert.Equal(1, _issuer.KeySetFetches);
        _factory.Clock.Advance(TimeSpan.FromMinutes(1));

        var (unknownKid, unknownKey) = TokenIssuer.Unpublished();
        var refused = await PostAsync(_issuer.CreateToken(unknownKid, signingKey: unknownKey), Message("msteams", "Bonjour"));
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal(2, _issuer.KeySetFetches);

        // Straight after, another unknown key does not fetch again: forged key ids cannot make the endpoint hammer the publisher.
        var again = await PostAsync(_issuer.CreateToken(unknownKid, signingKey: unknownKey), Message("msteams", "Bonjour"));
        Assert.Equal(HttpStatusCode.Unauthorized, again.StatusCode);
        Assert.Equal(2, _issuer.KeySetFetches);

        // Azure Bot Service rolls a new key: the first token signed with it makes the endpoint fetch the set and find it.
        _factory.Clock.Advance(TimeSpan.FromMinutes(1));
        var rotated = _issuer.Publish("msteams");
        Assert.Equal(HttpStatusCode.Accepted, (await PostAsync(_issuer.CreateToken(rotated), Message("msteams", "Bonjour"))).StatusCode);
        Assert.Equal(3, _issuer.KeySetFetches);
    }

    [Fact]
    public async Task A_refused_activity_does_not_reach_the_botAsync()
    {
        var refused = await PostAsync(_issuer.CreateToken(_kid, audience: "another-bot"), Message("msteams", "Bonjour", "refused-conv"));
        var accepted = await PostAsync(_issuer.CreateToken(_kid), Message("msteams", "Bonjour", "accepted-conv"));

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        await WaitForReplyAsync();
        Assert.DoesNotContain(_issuer.Received, r => r.Path.Contains("refused-conv", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_invoke_is_answered_501_saying_which_and_expectReplies_gets_the_replies_in_the_responseAsync()
    {
        var invoke = Message("msteams", "");
        invoke["type"] = "invoke";
        invoke["name"] = "adaptiveCard/action";
        var expectReplies = Message("msteams", "Bonjour", "expecting-conv");
        expectReplies["deliveryMode"] = "expectReplies";

        var invoked = await PostAsync(_issuer.CreateToken(_kid), invoke);
        var expecting = await PostAsync(_issuer.CreateToken(_kid), expectReplies);

        Assert.Equal(HttpStatusCode.NotImplemented, invoked.StatusCode);
        Assert.Contains("adaptiveCard/action", await invoked.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, expecting.StatusCode);
        var replies = JsonNode.Parse(await expecting.Content.ReadAsStringAsync())!["activities"]!.AsArray();
        Assert.Equal(BotReplies.OpeningCount, replies.Count);
        Assert.All(replies, r => Assert.Equal("channel-activity-1", (string?)r!["replyToId"]));

        // A message with normal delivery after it: its reply comes through the Connector, and the first turn's never did.
        var normal = Message("msteams", "Accepter et valider", "expecting-conv");
        normal["id"] = "channel-activity-2";
        Assert.Equal(HttpStatusCode.Accepted, (await PostAsync(_issuer.CreateToken(_kid), normal)).StatusCode);
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (!_issuer.Received.Any(r => r.Path.EndsWith("expecting-conv/activities/channel-activity-2", StringComparison.Ordinal)))
        {
            await Task.Delay(50, limit.Token);
        }

        Assert.DoesNotContain(_issuer.Received, r => r.Path.EndsWith("expecting-conv/activities/channel-activity-1", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_body_that_is_not_an_activity_is_400Async()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages") { Content = new StringContent("{\"type\": ", Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _issuer.CreateToken(_kid));

        Assert.Equal(HttpStatusCode.BadRequest, (await _client.SendAsync(request)).StatusCode);
    }

    private JsonObject Message(string channelId, string text, string conversationId = "conv-1") => new()
    {
        ["type"] = "message",
        ["id"] = "channel-activity-1",
        ["channelId"] = channelId,
        ["serviceUrl"] = _issuer.ServiceUrl,
        ["from"] = new JsonObject { ["id"] = "user-1", ["name"] = "Marie Dupont" },
        ["recipient"] = new JsonObject { ["id"] = "28:bot", ["name"] = "Assistant" },
        ["conversation"] = new JsonObject { ["id"] = conversationId, ["conversationType"] = "personal" },
        ["text"] = text,
        ["locale"] = "fr-FR",
    };

    private async Task<HttpResponseMessage> PostAsync(string? token, JsonObject activity)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages")
        {
            Content = new StringContent(activity.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return await _client.SendAsync(request);
    }

    private async Task<(string Path, string? Authorization, JsonObject Activity)> WaitForReplyAsync()
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (!_issuer.Received.Any(r => (string?)r.Activity["type"] == "message"))
        {
            await Task.Delay(50, limit.Token);
        }

        return _issuer.Received.First(r => (string?)r.Activity["type"] == "message");
    }
}
