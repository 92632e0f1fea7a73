using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Assistant.Bot.Tests.Channel;
using Assistant.Bot.Tests.Hosting;

namespace Assistant.Bot.Tests.BotFramework;

/// <summary>
/// Two Azure Bot registrations in one deployment: the top-level <c>Bot:MicrosoftAppId</c> for Digisense and
/// <c>Bot:Registrations:0</c> for ICOSNET. The inbound token's audience picks the registration, hence the operator whose
/// assistant answers, and the replies go out with that registration's own Connector token.
/// </summary>
public sealed class BotFrameworkRegistrationsTests : IAsyncLifetime
{
    private const string SecondAppId = "99999999-8888-7777-6666-555555555555";
    private const string DigisenseCgu = "https://tickets.digisense.fr/cgu";
    private const string IcosnetCgu = "https://apps.icosnet.com/cgu";

    private TokenIssuer _issuer = null!;
    private ChannelAppFactory _factory = null!;
    private HttpClient _client = null!;
    private string _kid = "";

    public async Task InitializeAsync()
    {
        _issuer = await TokenIssuer.StartAsync();
        _issuer.Secrets[SecondAppId] = "second-password";
        _kid = _issuer.Publish("msteams", "slack");
        _factory = new ChannelAppFactory();
        _factory.Settings["Bot:MicrosoftAppId"] = TokenIssuer.AppId;
        _factory.Settings["Bot:MicrosoftAppPassword"] = "test-password";
        _factory.Settings["Bot:Operator"] = "digisense";
        _factory.Settings["Bot:Registrations:0:MicrosoftAppId"] = SecondAppId;
        _factory.Settings["Bot:Registrations:0:MicrosoftAppPassword"] = "second-password";
        _factory.Settings["Bot:Registrations:0:Operator"] = "icosnet";
        _factory.Settings["Bot:ChannelOperators:slack"] = "icosnet";
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
    public async Task Each_registrations_token_reaches_its_operators_assistant_and_its_replies_carry_its_own_connector_tokenAsync()
    {
        // The same Teams conversation id under both bots (two bots in one group chat): two conversations, one per operator.
        Assert.Equal(HttpStatusCode.Accepted, (await PostAsync(TokenIssuer.AppId, Message("msteams", "d-1", "conv-shared"))).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await PostAsync(SecondAppId, Message("msteams", "i-1", "conv-shared"))).StatusCode);

        var digisense = await WaitForOpeningAsync("d-1");
        var icosnet = await WaitForOpeningAsync("i-1");

        Assert.Contains(DigisenseCgu, Text(digisense), StringComparison.Ordinal);
        Assert.DoesNotContain(IcosnetCgu, Text(digisense), StringComparison.Ordinal);
        Assert.All(digisense, r => Assert.Equal("Bearer " + TokenIssuer.ConnectorTokenOf(TokenIssuer.AppId), r.Authorization));
        Assert.Contains(IcosnetCgu, Text(icosnet), StringComparison.Ordinal);
        Assert.DoesNotContain(DigisenseCgu, Text(icosnet), StringComparison.Ordinal);
        Assert.All(icosnet, r => Assert.Equal("Bearer " + TokenIssuer.ConnectorTokenOf(SecondAppId), r.Authorization));
    }

    [Fact]
    public async Task A_per_channel_operator_wins_over_the_registrations_operatorAsync()
    {
        Assert.Equal(HttpStatusCode.Accepted, (await PostAsync(TokenIssuer.AppId, Message("slack", "s-1", "conv-slack"))).StatusCode);

        var opening = await WaitForOpeningAsync("s-1");
        Assert.Contains(IcosnetCgu, Text(opening), StringComparison.Ordinal);
        Assert.All(opening, r => Assert.Equal("Bearer " + TokenIssuer.ConnectorTokenOf(TokenIssuer.AppId), r.Authorization));
    }

    [Fact]
    public async Task An_audience_that_is_no_registrations_app_id_is_401_and_reaches_no_assistantAsync()
    {
        var refused = await PostAsync("00000000-0000-0000-0000-000000000000", Message("msteams", "x-1", "conv-other"));
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);

        Assert.Equal(HttpStatusCode.Accepted, (await PostAsync(SecondAppId, Message("msteams", "i-2", "conv-after"))).StatusCode);
        await WaitForOpeningAsync("i-2");
        Assert.DoesNotContain(_issuer.Received, r => r.Path.Contains("conv-other", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_listed_registration_without_a_password_stops_the_start_and_names_the_keyAsync()
    {
        var error = await StartAttempt.FailureAsync(new Dictionary<string, string?> { ["Bot:Registrations:0:MicrosoftAppId"] = SecondAppId });

        Assert.Contains("Bot:Registrations", error.ToString(), StringComparison.Ordinal);
    }

    private JsonObject Message(string channelId, string id, string conversationId) => new()
    {
        ["type"] = "message",
        ["id"] = id,
        ["channelId"] = channelId,
        ["serviceUrl"] = _issuer.ServiceUrl,
        ["from"] = new JsonObject { ["id"] = "user-1", ["name"] = "Marie Dupont" },
        ["recipient"] = new JsonObject { ["id"] = "28:bot", ["name"] = "Assistant" },
        ["conversation"] = new JsonObject { ["id"] = conversationId, ["conversationType"] = "personal" },
        ["text"] = "Bonjour",
        ["locale"] = "fr-FR",
    };

    private async Task<HttpResponseMessage> PostAsync(string audience, JsonObject activity)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages")
        {
            Content = new StringContent(activity.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _issuer.CreateToken(_kid, audience: audience));
        return await _client.SendAsync(request);
    }

    /// <summary>The bot's answer to a first message: its messages up to the consent prompt that ends the turn.</summary>
    private async Task<List<(string Path, string? Authorization, JsonObject Activity)>> WaitForOpeningAsync(string id)
    {
        List<(string Path, string? Authorization, JsonObject Activity)> Replies() =>
            [.. _issuer.Received.Where(r => (string?)r.Activity["type"] == "message" && r.Path.EndsWith("/activities/" + id, StringComparison.Ordinal))];
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (!Replies().Any(r => (string?)r.Activity["inputHint"] != "ignoringInput"))
        {
            await Task.Delay(50, limit.Token);
        }

        return Replies();
    }

    /// <summary>Everything the user is shown: texts and card contents.</summary>
    private static string Text(IEnumerable<(string Path, string? Authorization, JsonObject Activity)> replies) =>
        string.Join("\n", replies.Select(r => r.Activity.ToJsonString()));
}
