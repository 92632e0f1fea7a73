using System.Net;
using Assistant.Bot.Tests.Handoff;

namespace Assistant.Bot.Tests.RateLimits;

/// <summary>The staff endpoints count per staff member: one agent hammering the queue does not slow a colleague down.</summary>
public sealed class StaffRateLimitTests : IDisposable
{
    private readonly HandoffTestHost _host = new();

    public StaffRateLimitTests()
    {
        _host.Factory.Settings["Assistant:RateLimits:StaffRequests:PerMinute"] = "1";
        _host.Factory.Settings["Assistant:RateLimits:StaffRequests:Burst"] = "4";
    }

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task An_agent_flooding_the_handoff_queue_gets_429_and_a_colleague_does_notAsync()
    {
        await using var flooding = await _host.AgentAsync("Hugo", operatorIds: "digisense");
        await using var colleague = await _host.AgentAsync("Lea", operatorIds: "digisense");

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 6; i++)
        {
            using var response = await flooding.Http.GetAsync("/api/handoffs");
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                Assert.True(response.Headers.Contains("Retry-After"));
            }
        }

        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.OK, 4), HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses);
        for (var i = 0; i < 4; i++)
        {
            using var response = await colleague.Http.GetAsync("/api/tickets");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }
}
