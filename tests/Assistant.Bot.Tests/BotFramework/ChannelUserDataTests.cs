using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Assistant.Bot.BotFramework;
using Assistant.Bot.Tests.Admin;

namespace Assistant.Bot.Tests.BotFramework;

/// <summary>A Teams user's data requests: the export holds their conversation and its channel reference, the erasure deletes both.</summary>
public sealed class ChannelUserDataTests : IAsyncLifetime
{
    private const string UserId = "msteams:29:1user-data";

    private TokenIssuer _issuer = null!;
    private AdminHost _host = null!;
    private string _kid = "";

    public async Task InitializeAsync()
    {
        _issuer = await TokenIssuer.StartAsync();
        _kid = _issuer.Publish("msteams");
        _host = new AdminHost(new Dictionary<string, string?>
        {
            ["Bot:MicrosoftAppId"] = TokenIssuer.AppId,
            ["Bot:MicrosoftAppPassword"] = "test-password",
            ["Bot:OpenIdMetadataUrl"] = _issuer.MetadataUrl,
            ["Bot:TokenEndpoint"] = _issuer.TokenEndpoint,
        });
    }

    public async Task DisposeAsync()
    {
        _host.Dispose();
        await _issuer.DisposeAsync();
    }

    [Fact]
    public async Task A_teams_users_export_holds_the_channel_reference_and_the_erasure_deletes_itAsync()
    {
        var conversationId = ChannelActivities.ConversationIdOf("msteams", "a:1data");
        await PostAsync("Bonjour");
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (!_issuer.Received.Any(r => (string?)r.Activity["type"] == "message"))
        {
            await Task.Delay(50, limit.Token);
        }

        var admin = await _host.AdminAsync();
        var export = await admin.GetFromJsonAsync<JsonObject>($"/api/admin/users/{Uri.EscapeDataString(UserId)}/export");
        var conversation = Assert.Single(export!["conversations"]!.AsArray())!;
        Assert.Equal(conversationId, (string?)conversation["id"]);
        Assert.Contains(conversation["activities"]!.AsArray(), a => (string?)a!["text"] == "Bonjour");
        Assert.Equal("Claire Petit", (string?)conversation["channel"]!["userName"]);
        Assert.Equal("a:1data", (string?)conversation["channel"]!["channelConversationId"]);

        using var erased = await admin.DeleteAsync($"/api/admin/users/{Uri.EscapeDataString(UserId)}");
        Assert.Equal(HttpStatusCode.OK, erased.StatusCode);
        var after = await admin.GetFromJsonAsync<JsonObject>($"/api/admin/users/{Uri.EscapeDataString(UserId)}/export");
        Assert.Empty(after!["conversations"]!.AsArray());
        Assert.Null(_host.Service<ChannelReferences>().Find(conversationId));
        Assert.DoesNotContain(_host.Service<ChannelReferences>().All(), r => r.UserName == "Claire Petit");
    }

    private async Task PostAsync(string text)
    {
        var activity = new JsonObject
        {
            ["type"] = "message",
            ["id"] = "data-1",
            ["channelId"] = "msteams",
            ["serviceUrl"] = _issuer.ServiceUrl,
            ["from"] = new JsonObject { ["id"] = "29:1user-data", ["name"] = "Claire Petit" },
            ["recipient"] = new JsonObject { ["id"] = "28:bot", ["name"] = "Assistant" },
            ["conversation"] = new JsonObject { ["id"] = "a:1data", ["conversationType"] = "personal" },
            ["text"] = text,
            ["locale"] = "fr-FR",
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages")
        {
            Content = new StringContent(activity.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _issuer.CreateToken(_kid));
        using var response = await _host.Anonymous.SendAsync(request);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }
}
