using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Assistant.Bot.Tests.Channel;

namespace Assistant.Bot.Tests.BotFramework;

/// <summary>Replies reach a Connector that fails: retried with back-off, never duplicated, and never dropped without an error logged.</summary>
public sealed class ConnectorDeliveryTests : IAsyncLifetime
{
    private TokenIssuer _issuer = null!;
    private ChannelAppFactory _factory = null!;
    private HttpClient _client = null!;
    private string _kid = "";

    public async Task InitializeAsync()
    {
        _issuer = await TokenIssuer.StartAsync();
        _kid = _issuer.Publish("webchat");
        _factory = new ChannelAppFactory();
        _factory.Settings["Bot:MicrosoftAppId"] = TokenIssuer.AppId;
        _factory.Settings["Bot:MicrosoftAppPassword"] = "test-password";
        _factory.Settings["Bot:OpenIdMetadataUrl"] = _issuer.MetadataUrl;
        _factory.Settings["Bot:TokenEndpoint"] = _issuer.TokenEndpoint;
        _factory.Settings["Bot:DeliveryAttempts"] = "3";
        _factory.Settings["Bot:DeliveryBackoff"] = "00:00:00.020";
        _client = _factory.CreateClient();
    }

    public async Task DisposeAsync()
    {
        await _factory.DisposeAsync();
        await _issuer.DisposeAsync();
    }

    [Fact]
    public async Task A_connector_failing_twice_gets_each_reply_once_on_a_later_attemptAsync()
    {
        _issuer.FailNextMessages = 2;

        Assert.Equal(HttpStatusCode.Accepted, (await PostAsync("m-1", "Bonjour")).StatusCode);

        var replies = await WaitForRepliesToAsync("m-1");
        Assert.Equal(replies.Count, replies.Select(r => (string?)r["text"]).Distinct().Count());
        Assert.Equal(_issuer.Received.Count(r => (string?)r.Activity["type"] == "message") + 2, _issuer.MessageCalls);
    }

    [Fact]
    public async Task A_connector_down_for_every_attempt_is_logged_and_the_reply_goes_out_in_order_once_it_answersAsync()
    {
        _issuer.FailNextMessages = 3;
        Assert.Equal(HttpStatusCode.Accepted, (await PostAsync("m-1", "Bonjour")).StatusCode);
        await WaitUntilAsync(() => _issuer.MessageCalls >= 3);

        // The Connector is back: the next turn's delivery starts with what was left pending, in log order.
        Assert.Equal(HttpStatusCode.Accepted, (await PostAsync("m-2", "Accepter et valider")).StatusCode);
        await WaitForRepliesToAsync("m-2");
        var order = _issuer.Received.Where(r => (string?)r.Activity["type"] == "message").Select(r => r.Path).ToList();
        Assert.EndsWith("/activities/m-1", order[0], StringComparison.Ordinal);
        Assert.True(order.FindLastIndex(p => p.EndsWith("/m-1", StringComparison.Ordinal)) < order.FindIndex(p => p.EndsWith("/m-2", StringComparison.Ordinal)));

        // The log file is written in the background: wait for the line rather than for the file to be flushed.
        await WaitUntilAsync(() => LogText().Contains("Undelivered: the Connector of channel webchat failed 3 times", StringComparison.Ordinal));
    }

    private string LogText()
    {
        var directory = Path.Combine(_factory.DataDirectory, "logs");
        return !Directory.Exists(directory) ? "" : string.Concat(Directory.GetFiles(directory).Select(path =>
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            return new StreamReader(stream).ReadToEnd();
        }));
    }

    private async Task<HttpResponseMessage> PostAsync(string id, string text)
    {
        var activity = new JsonObject
        {
            ["type"] = "message",
            ["id"] = id,
            ["channelId"] = "webchat",
            ["serviceUrl"] = _issuer.ServiceUrl,
            ["from"] = new JsonObject { ["id"] = "user-1" },
            ["recipient"] = new JsonObject { ["id"] = "bot-1", ["name"] = "Assistant" },
            ["conversation"] = new JsonObject { ["id"] = "conv-delivery" },
            ["text"] = text,
            ["locale"] = "fr-FR",
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages")
        {
            Content = new StringContent(activity.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _issuer.CreateToken(_kid));
        return await _client.SendAsync(request);
    }

    /// <summary>The replies to one message, once the last of the turn (not marked ignoringInput) has arrived.</summary>
    private async Task<List<JsonObject>> WaitForRepliesToAsync(string id)
    {
        List<JsonObject> Replies() => [.. _issuer.Received.Where(r => r.Path.EndsWith("/activities/" + id, StringComparison.Ordinal)).Select(r => r.Activity)];
        await WaitUntilAsync(() => Replies().Any(a => (string?)a["inputHint"] != "ignoringInput"));
        return Replies();
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (!condition())
        {
            await Task.Delay(50, limit.Token);
        }
    }
}
