using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Assistant.Bot.BotFramework;
using Assistant.Bot.Channel.Activities;
using Assistant.Bot.Channel.Storage;
using Assistant.Bot.Tests.Channel;
using Microsoft.Extensions.DependencyInjection;

namespace Assistant.Bot.Tests.BotFramework;

/// <summary>
/// A turn's replies committed while the channel's Connector is down, then the service restarted on the same data
/// directory with the Connector back: the restarted relay sends them, each once, in the order of the log.
/// </summary>
public sealed class ConnectorRestartTests : IAsyncLifetime
{
    private const string ChannelConversation = "conv-restart";

    private readonly string _dataDirectory = ChannelAppFactory.NewDataDirectory();
    private TokenIssuer _issuer = null!;
    private string _kid = "";

    public async Task InitializeAsync()
    {
        _issuer = await TokenIssuer.StartAsync();
        _kid = _issuer.Publish("webchat");
    }

    public async Task DisposeAsync()
    {
        await _issuer.DisposeAsync();
        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temporary folder is harmless.
        }
    }

    [Fact]
    public async Task Replies_committed_while_the_connector_is_down_go_out_once_in_order_after_a_restartAsync()
    {
        var conversationId = ChannelActivities.ConversationIdOf("webchat", ChannelConversation);
        _issuer.FailNextMessages = int.MaxValue;
        await using (var before = Host())
        {
            using var client = before.CreateClient();
            Assert.Equal(HttpStatusCode.Accepted, (await PostAsync(client, "m-1", "Bonjour")).StatusCode);

            // The turn has ended (its last reply is in the log) and the Connector was tried and failed.
            var store = before.Services.GetRequiredService<ConversationStore>();
            await WaitUntilAsync(() => BotMessages(store, conversationId).Any(a => a.InputHint != "ignoringInput"));
            await WaitUntilAsync(() => _issuer.MessageCalls >= 1);
            Assert.Empty(Messages());
        }

        _issuer.FailNextMessages = 0;
        await using var after = Host();
        var logged = BotMessages(after.Services.GetRequiredService<ConversationStore>(), conversationId);
        Assert.True(logged.Count >= 2, "the opening is a greeting and the consent prompt");

        await WaitUntilAsync(() => Messages().Count >= logged.Count);
        Assert.Equal(logged.Select(a => a.Text), Messages().Select(m => (string?)m.Activity["text"]));
        Assert.All(Messages(), m => Assert.EndsWith("/activities/m-1", m.Path, StringComparison.Ordinal));

        // The next turn's delivery starts after what was sent: nothing of the first turn goes out a second time.
        using var restarted = after.CreateClient();
        Assert.Equal(HttpStatusCode.Accepted, (await PostAsync(restarted, "m-2", "Accepter et valider")).StatusCode);
        await WaitUntilAsync(() => Messages().Any(m => m.Path.EndsWith("/activities/m-2", StringComparison.Ordinal) && (string?)m.Activity["inputHint"] != "ignoringInput"));
        Assert.Equal(logged.Count, Messages().Count(m => m.Path.EndsWith("/activities/m-1", StringComparison.Ordinal)));
    }

    private ChannelAppFactory Host()
    {
        var factory = new ChannelAppFactory(_dataDirectory);
        factory.Settings["Bot:MicrosoftAppId"] = TokenIssuer.AppId;
        factory.Settings["Bot:MicrosoftAppPassword"] = "test-password";
        factory.Settings["Bot:OpenIdMetadataUrl"] = _issuer.MetadataUrl;
        factory.Settings["Bot:TokenEndpoint"] = _issuer.TokenEndpoint;
        factory.Settings["Bot:DeliveryAttempts"] = "2";
        factory.Settings["Bot:DeliveryBackoff"] = "00:00:00.020";
        return factory;
    }

    /// <summary>The messages the Connector accepted, in the order it got them.</summary>
    private List<(string Path, string? Authorization, JsonObject Activity)> Messages() =>
        [.. _issuer.Received.Where(r => (string?)r.Activity["type"] == "message")];

    private static List<Activity> BotMessages(ConversationStore store, string conversationId) =>
        [.. store.ReadAll(conversationId)
            .Select(r => JsonSerializer.Deserialize<Activity>(r.Json, ActivityJson.Options)!)
            .Where(a => a.Type == ActivityTypes.Message && a.From?.Role == RoleTypes.Bot)];

    private async Task<HttpResponseMessage> PostAsync(HttpClient client, string id, string text)
    {
        var activity = new JsonObject
        {
            ["type"] = "message",
            ["id"] = id,
            ["channelId"] = "webchat",
            ["serviceUrl"] = _issuer.ServiceUrl,
            ["from"] = new JsonObject { ["id"] = "user-restart" },
            ["recipient"] = new JsonObject { ["id"] = "bot-1", ["name"] = "Assistant" },
            ["conversation"] = new JsonObject { ["id"] = ChannelConversation },
            ["text"] = text,
            ["locale"] = "fr-FR",
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages")
        {
            Content = new StringContent(activity.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _issuer.CreateToken(_kid));
        return await client.SendAsync(request);
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
