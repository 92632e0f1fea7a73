using System.Net;
using System.Net.Http.Headers;
using Assistant.Bot.Tests.Channel;
using Microsoft.Extensions.Options;

namespace Assistant.Bot.Tests.Hosting;

/// <summary>
/// <c>X-Forwarded-*</c> over real Kestrel from loopback: ignored unless <c>Assistant:Proxy</c> is set (anyone could
/// send them), then the stream URL, the attachment links and the page's <c>connect-src</c> carry the client's scheme and host.
/// </summary>
public sealed class ForwardedHeadersTests : IDisposable
{
    private const string PublicHost = "support.example.com";
    private readonly ChannelAppFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task Without_a_proxy_setting_forwarded_headers_are_ignoredAsync()
    {
        var server = _factory.StartKestrel();
        var (streamUrl, contentUrl, connectSources) = await LinksThroughForgedHeadersAsync(server);

        Assert.StartsWith($"ws://{server.Authority}/v3/directline/conversations/", streamUrl, StringComparison.Ordinal);
        Assert.StartsWith($"http://{server.Authority}/v3/directline/attachments/", contentUrl, StringComparison.Ordinal);
        Assert.DoesNotContain(PublicHost, connectSources, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Behind_a_known_proxy_links_carry_the_client_scheme_and_hostAsync()
    {
        // Loopback (where the test's requests come from) is trusted once any proxy is set.
        _factory.Settings["Assistant:Proxy:KnownProxies:0"] = "10.20.30.40";
        var server = _factory.StartKestrel();
        var (streamUrl, contentUrl, connectSources) = await LinksThroughForgedHeadersAsync(server);

        Assert.StartsWith($"wss://{PublicHost}/v3/directline/conversations/", streamUrl, StringComparison.Ordinal);
        Assert.StartsWith($"https://{PublicHost}/v3/directline/attachments/", contentUrl, StringComparison.Ordinal);
        Assert.Contains($"wss://{PublicHost}", connectSources, StringComparison.Ordinal);
    }

    [Fact]
    public void A_proxy_network_that_is_not_cidr_stops_the_start_with_the_reason()
    {
        _factory.Settings["Assistant:Proxy:KnownNetworks:0"] = "10.0.0.0/99";

        var error = Assert.ThrowsAny<OptionsValidationException>(() => _factory.StartKestrel());

        Assert.Contains("'10.0.0.0/99' is not a network in CIDR form", error.Message, StringComparison.Ordinal);
    }

    /// <summary>Starts a conversation, uploads a file and loads the chat page, every request claiming to come through a proxy.</summary>
    private static async Task<(string StreamUrl, string ContentUrl, string ConnectSources)> LinksThroughForgedHeadersAsync(Uri server)
    {
        using var http = new HttpClient { BaseAddress = server };
        http.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");
        http.DefaultRequestHeaders.Add("X-Forwarded-Host", PublicHost);
        http.DefaultRequestHeaders.Add("X-Forwarded-For", "203.0.113.7");
        var client = new DirectLineTestClient(http);
        var (conversationId, token, userId, started) = await client.StartAsync();

        using var upload = client.Request(HttpMethod.Post, $"/v3/directline/conversations/{conversationId}/upload?userId={userId}", token);
        upload.Content = new ByteArrayContent("bonjour"u8.ToArray());
        upload.Content.Headers.ContentType = new MediaTypeHeaderValue("text/plain");
        upload.Content.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment") { Name = "\"file\"", FileName = "\"note.txt\"" };
        var uploaded = await client.SendForJsonAsync(upload, HttpStatusCode.OK);
        var echo = await client.WaitForActivityAsync(conversationId, token, a => (string?)a["id"] == (string?)uploaded["id"]);

        using var page = await http.GetAsync("/");
        var policy = page.Content.Headers.TryGetValues("Content-Security-Policy", out var values) ? values.Single() : page.Headers.GetValues("Content-Security-Policy").Single();
        var connect = policy.Split(';').Select(d => d.Trim()).Single(d => d.StartsWith("connect-src ", StringComparison.Ordinal));
        return ((string)started["streamUrl"]!, (string)echo["attachments"]![0]!["contentUrl"]!, connect);
    }
}
