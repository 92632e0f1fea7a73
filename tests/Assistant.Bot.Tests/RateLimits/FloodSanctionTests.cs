using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Assistant.Bot.Tests.Admin;
using Assistant.Bot.Tests.Channel;
using Assistant.Moderation.Sanctions;

namespace Assistant.Bot.Tests.RateLimits;

/// <summary>
/// Repeated floods reach the sanction ladder: with a burst of 3 messages and 4 refusals per strike within 10 minutes,
/// a visitor who keeps flooding gets a strike, then a suspension (two strikes here) citing the operator's clause, in
/// the admin's sanction list and the audit log; a visitor who hits the limit now and then is never struck.
/// </summary>
public sealed class FloodSanctionTests : IDisposable
{
    private readonly AdminHost _host = new(new Dictionary<string, string?>
    {
        ["Assistant:RateLimits:MessagesPerConversation:PerMinute"] = "1",
        ["Assistant:RateLimits:MessagesPerConversation:Burst"] = "3",
        ["Assistant:RateLimits:FloodStrike:Refusals"] = "4",
        ["Assistant:RateLimits:FloodStrike:Window"] = "00:10:00",
        ["Moderation:Sanctions:StrikesForSuspension"] = "2",
    });

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task A_visitor_who_keeps_flooding_is_struck_then_suspended_under_the_operator_clauseAsync()
    {
        var client = _host.DirectLine;
        var (conversationId, token, userId, _) = await client.StartAsync();

        Assert.Equal(3, await PostAsync(client, conversationId, token, 3 + 4));
        var sanctions = _host.Service<ISanctionService>();
        var afterFirst = sanctions.GetStatus("digisense", userId, _host.Factory.Clock.GetUtcNow());
        Assert.Equal(1, afterFirst.Strikes);
        Assert.True(afterFirst.CanUseService);

        Assert.Equal(0, await PostAsync(client, conversationId, token, 4));
        var afterSecond = sanctions.GetStatus("digisense", userId, _host.Factory.Clock.GetUtcNow());
        Assert.Equal(SanctionLevels.Suspended, afterSecond.Level);
        Assert.False(afterSecond.CanUseService);

        using var admin = await _host.AdminAsync();
        var active = (await admin.GetFromJsonAsync<JsonArray>("/api/admin/sanctions"))!.OfType<JsonObject>().Single(s => (string?)s["userId"] == userId);
        Assert.Equal("suspended", (string?)active["level"]);
        Assert.Equal("Digisense 3", (string?)active["clause"]);
        var audit = (await admin.GetFromJsonAsync<JsonArray>("/api/admin/audit?action=sanction.flood"))!.OfType<JsonObject>().ToList();
        Assert.Equal(2, audit.Count);
        Assert.All(audit, entry => Assert.Contains("clause Digisense 3", (string)entry["details"]!, StringComparison.Ordinal));
        Assert.Contains(audit, entry => ((string)entry["details"]!).EndsWith("user now suspended", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_fast_typist_who_hits_the_limit_now_and_then_is_never_struckAsync()
    {
        var client = _host.DirectLine;
        var (conversationId, token, userId, _) = await client.StartAsync();

        // Three refusals, then ten minutes later three more: never four within the window.
        Assert.Equal(3, await PostAsync(client, conversationId, token, 3 + 3));
        _host.Factory.Clock.Advance(TimeSpan.FromMinutes(11));
        Assert.Equal(0, await PostAsync(client, conversationId, token, 3));

        var status = _host.Service<ISanctionService>().GetStatus("digisense", userId, _host.Factory.Clock.GetUtcNow());
        Assert.Equal(SanctionLevels.None, status.Level);
        Assert.Equal(0, status.Strikes);
        using var admin = await _host.AdminAsync();
        Assert.Empty((await admin.GetFromJsonAsync<JsonArray>("/api/admin/audit?action=sanction.flood"))!);
    }

    /// <summary>Posts <paramref name="count"/> messages at once and returns how many were accepted (the others are 429).</summary>
    private static async Task<int> PostAsync(DirectLineTestClient client, string conversationId, string token, int count)
    {
        var accepted = 0;
        for (var i = 0; i < count; i++)
        {
            using var response = await client.PostActivityAsync(conversationId, token,
                new JsonObject { ["type"] = "message", ["text"] = $"encore {i}", ["from"] = new JsonObject { ["id"] = "x" } }.ToJsonString());
            Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.TooManyRequests, response.StatusCode.ToString());
            accepted += response.StatusCode == HttpStatusCode.OK ? 1 : 0;
        }

        return accepted;
    }
}
