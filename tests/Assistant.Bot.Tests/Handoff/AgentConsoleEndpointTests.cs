using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Assistant.Ticketing.Staff;

namespace Assistant.Bot.Tests.Handoff;

/// <summary>The console page and the authentication of its live feed.</summary>
public sealed class AgentConsoleEndpointTests : IDisposable
{
    private readonly HandoffTestHost _host = new();

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task The_console_page_is_served_and_cannot_be_framedAsync()
    {
        using var response = await _host.Factory.CreateClient().GetAsync("/agent");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("frame-ancestors 'none'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("/console/session.js", html, StringComparison.Ordinal);
        Assert.Contains("Rendre la main à l'assistant", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_feed_needs_a_fresh_stream_token_that_works_onceAsync()
    {
        var anonymous = _host.Factory.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/agent/events")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/agent/events?t=made-up")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsync("/api/agent/stream-token", null)).StatusCode);

        await using var alice = await _host.AgentAsync("Alice", StaffRoles.Agent, "digisense");
        using var issued = await alice.Http.PostAsync("/api/agent/stream-token", null);
        var token = (string)(await issued.Content.ReadFromJsonAsync<JsonObject>())!["token"]!;
        using (var first = await anonymous.SendAsync(new HttpRequestMessage(HttpMethod.Get, $"/api/agent/events?t={token}"), HttpCompletionOption.ResponseHeadersRead))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
            Assert.Equal("text/event-stream", first.Content.Headers.ContentType?.MediaType);
        }

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync($"/api/agent/events?t={token}")).StatusCode);
    }
}
