using System.Net;
using System.Net.Http.Headers;
using Assistant.Bot.Tests.Channel;

namespace Assistant.Bot.Tests.Security;

/// <summary>
/// The headers of pages and API answers, from the one middleware: the chat page may be framed by the configured
/// customer site, the consoles by no one; every answer has nosniff and no referrer; an API answer allows nothing.
/// </summary>
public sealed class SecurityHeadersTests : IDisposable
{
    private const string CustomerSite = "https://shop.example.com";
    private readonly ChannelAppFactory _factory = new();
    private readonly HttpClient _http;

    public SecurityHeadersTests()
    {
        _factory.Settings["Assistant:AllowedOrigins:0"] = CustomerSite;
        _http = _factory.CreateClient();
    }

    public void Dispose()
    {
        _http.Dispose();
        _factory.Dispose();
    }

    [Theory]
    [InlineData("/admin")]
    [InlineData("/admin/admin.js")]
    public async Task A_not_modified_answer_leaves_the_cached_policy_aloneAsync(string path)
    {
        using var first = await _http.GetAsync(path);
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.IfModifiedSince = first.Content.Headers.LastModified;

        using var again = await _http.SendAsync(request);

        // The browser merges a 304's headers into the cached page: an API policy there would block the page's scripts.
        Assert.Equal(HttpStatusCode.NotModified, again.StatusCode);
        Assert.False(again.Headers.Contains("Content-Security-Policy"));
        Assert.Equal("nosniff", again.Headers.GetValues("X-Content-Type-Options").Single());
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/icosnet")]
    public async Task The_chat_page_runs_only_our_scripts_and_may_be_framed_by_the_customer_siteAsync(string path)
    {
        using var response = await _http.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var policy = Directives(response);
        Assert.Equal("'self'", policy["default-src"]);
        Assert.Equal("'self'", policy["script-src"]);
        Assert.Equal("'self' blob: ws://localhost wss://localhost", policy["connect-src"]);
        Assert.Equal("'self' data: blob:", policy["img-src"]);
        Assert.Equal("'self' 'unsafe-inline'", policy["style-src"]);
        Assert.Equal($"'self' {CustomerSite}", policy["frame-ancestors"]);
        Assert.False(response.Headers.Contains("X-Frame-Options"));
        AssertCommonHeaders(response);
    }

    [Theory]
    [InlineData("/agent")]
    [InlineData("/admin")]
    [InlineData("/agent/index.html")]
    public async Task The_consoles_may_not_be_framed_by_anyoneAsync(string path)
    {
        using var response = await _http.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var policy = Directives(response);
        Assert.Equal("'none'", policy["frame-ancestors"]);
        Assert.Equal("'self'", policy["script-src"]);
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        AssertCommonHeaders(response);
    }

    [Fact]
    public async Task Api_answers_and_their_errors_allow_nothingAsync()
    {
        using var generate = new HttpRequestMessage(HttpMethod.Post, "/v3/directline/tokens/generate");
        generate.Headers.Authorization = new AuthenticationHeaderValue("Bearer", ChannelAppFactory.Secret);
        using var ok = await _http.SendAsync(generate);
        using var unauthorized = await _http.GetAsync("/api/tickets");
        using var health = await _http.GetAsync("/healthz");
        using var script = await _http.GetAsync("/js/chat.js");

        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, unauthorized.StatusCode);
        foreach (var response in new[] { ok, unauthorized, health, script })
        {
            Assert.Equal("'none'", Directives(response)["default-src"]);
            Assert.Equal("'none'", Directives(response)["frame-ancestors"]);
            AssertCommonHeaders(response);
        }
    }

    [Fact]
    public async Task A_downloaded_attachment_keeps_its_sandbox_policyAsync()
    {
        var client = new DirectLineTestClient(_http);
        var (conversationId, token, userId, _) = await client.StartAsync();
        using var upload = client.Request(HttpMethod.Post, $"/v3/directline/conversations/{conversationId}/upload?userId={userId}", token);
        upload.Content = new ByteArrayContent("<html><script>alert(1)</script></html>"u8.ToArray());
        upload.Content.Headers.ContentType = new MediaTypeHeaderValue("text/html");
        var id = (string?)(await client.SendForJsonAsync(upload, HttpStatusCode.OK))["id"];
        var echo = await client.WaitForActivityAsync(conversationId, token, a => (string?)a["id"] == id);

        using var response = await _http.GetAsync((string)echo["attachments"]![0]!["contentUrl"]!);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("sandbox; default-src 'none'", Assert.Single(response.Headers.GetValues("Content-Security-Policy")));
        AssertCommonHeaders(response);
    }

    private static void AssertCommonHeaders(HttpResponseMessage response)
    {
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
    }

    private static Dictionary<string, string> Directives(HttpResponseMessage response)
    {
        var policy = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        return policy.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(d => d.Split(' ', 2))
            .ToDictionary(d => d[0], d => d.Length > 1 ? d[1] : "");
    }
}
