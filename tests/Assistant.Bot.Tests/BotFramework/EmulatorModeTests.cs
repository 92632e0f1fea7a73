using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Assistant.Bot.Tests.Channel;

namespace Assistant.Bot.Tests.BotFramework;

/// <summary>
/// Without an app id the endpoint takes unauthenticated calls from the same machine only (the Emulator): a call a
/// reverse proxy forwards also comes from loopback, and is refused.
/// </summary>
public sealed class EmulatorModeTests : IDisposable
{
    private readonly ChannelAppFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task A_direct_loopback_call_is_accepted_and_one_with_forwarding_headers_is_401Async()
    {
        using var http = new HttpClient { BaseAddress = _factory.StartKestrel() };

        using var direct = await http.SendAsync(Request(null));
        using var forwarded = await http.SendAsync(Request(("X-Forwarded-For", "203.0.113.7")));
        using var standard = await http.SendAsync(Request(("Forwarded", "for=203.0.113.7;proto=https")));

        Assert.Equal(HttpStatusCode.Accepted, direct.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, forwarded.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, standard.StatusCode);
    }

    private static HttpRequestMessage Request((string Name, string Value)? header)
    {
        var activity = new JsonObject
        {
            ["type"] = "message",
            ["id"] = "e-1",
            ["channelId"] = "emulator",
            ["serviceUrl"] = "http://127.0.0.1:9/",
            ["from"] = new JsonObject { ["id"] = "user-emulator" },
            ["recipient"] = new JsonObject { ["id"] = "bot" },
            ["conversation"] = new JsonObject { ["id"] = "conv-emulator" },
            ["text"] = "Bonjour",
        };
        var request = new HttpRequestMessage(HttpMethod.Post, "api/messages")
        {
            Content = new StringContent(activity.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        if (header is { } h)
        {
            request.Headers.TryAddWithoutValidation(h.Name, h.Value);
        }

        return request;
    }
}
