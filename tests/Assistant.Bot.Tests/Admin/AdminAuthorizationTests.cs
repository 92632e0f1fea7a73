using System.Net;
using System.Net.Http.Json;

namespace Assistant.Bot.Tests.Admin;

/// <summary>Every admin action: anonymous callers get 401, agents 403, admins get through.</summary>
public sealed class AdminAuthorizationTests(AdminHostFixture fixture) : IClassFixture<AdminHostFixture>
{
    public static TheoryData<string, string, string?> AdminActions => new()
    {
        { "GET", "/api/admin/audit", null },
        { "GET", "/api/admin/templates", null },
        { "GET", "/api/admin/templates/Help/fr", null },
        { "POST", "/api/admin/templates/Help/fr/preview", """{"text":"Aide {{$operator}}"}""" },
        { "PUT", "/api/admin/templates/Help/fr", """{"text":"Aide {{$operator}}","reason":"authorisation test"}""" },
        { "POST", "/api/admin/templates/Help/fr/rollback", """{"version":0,"reason":"authorisation test"}""" },
        { "GET", "/api/admin/prompts/interpret", null },
        { "POST", "/api/admin/prompts/interpret/preview", """{"text":"{{$message}}"}""" },
        { "PUT", "/api/admin/prompts/interpret", """{"text":"{{$message}}","reason":"authorisation test"}""" },
        { "POST", "/api/admin/prompts/interpret/rollback", """{"version":0,"reason":"authorisation test"}""" },
        { "GET", "/api/admin/moderation/thresholds", null },
        { "PUT", "/api/admin/moderation/thresholds", """{"reason":"authorisation test"}""" },
        { "POST", "/api/admin/moderation/thresholds/preview", """{"abusive":{"threshold":0.5,"action":"refuse"}}""" },
        { "GET", "/api/admin/sanctions", null },
        { "POST", "/api/admin/sanctions/digisense/nobody/lift", """{"reason":"authorisation test"}""" },
        { "GET", "/api/admin/users/dl_nobody/export", null },
        { "DELETE", "/api/admin/users/dl_nobody", null },
        { "GET", "/api/admin/settings", null },
        { "PUT", "/api/admin/settings/operators/digisense", """{"cguVersion":"2026-01","reason":"authorisation test"}""" },
        { "POST", "/api/admin/settings/operators/digisense/reset", """{"reason":"authorisation test"}""" },
        { "PUT", "/api/admin/settings/llm", """{"model":"gpt-4o-mini","reason":"authorisation test"}""" },
        { "POST", "/api/admin/settings/llm/reset", """{"reason":"authorisation test"}""" },
        { "POST", "/api/admin/retention/purge", null },
        { "GET", "/api/admin/retention", null },
        { "PUT", "/api/admin/retention", """{"days":400,"reason":"authorisation test"}""" },
        { "POST", "/api/admin/retention/reset", """{"reason":"authorisation test"}""" },
        { "GET", "/api/admin/models", null },
        { "POST", "/api/admin/models/19990101-000000-deadbeef/promote", """{"reason":"authorisation test"}""" },
        { "POST", "/api/admin/models/19990101-000000-deadbeef/discard", """{"reason":"authorisation test"}""" },
        { "GET", "/api/admin/models/training", null },
        // No reason: an admin gets 400, so this test never starts a real retraining in the shared model folder.
        { "POST", "/api/admin/models/training", "{}" },
        { "GET", "/api/moderation/relabels", null },
        { "DELETE", "/api/moderation/relabels/000000000000000000000000", null },
        { "GET", "/api/admin/customers?operatorId=digisense", null },
        // No reason: an admin gets 400, so nothing is imported into the fixture's host.
        { "POST", "/api/admin/customers/import", """{"customers":[]}""" },
        { "GET", "/api/staff", null },
        { "POST", "/api/staff/nobody/reset-password", null },
    };

    [Theory]
    [MemberData(nameof(AdminActions))]
    public async Task Anonymous_callers_get_401Async(string method, string path, string? body)
    {
        using var response = await fixture.Host.Anonymous.SendAsync(Request(method, path, body));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [MemberData(nameof(AdminActions))]
    public async Task Agents_get_403Async(string method, string path, string? body)
    {
        var agent = await fixture.Host.AgentAsync();
        using var response = await agent.SendAsync(Request(method, path, body));
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Theory]
    [MemberData(nameof(AdminActions))]
    public async Task Admins_get_throughAsync(string method, string path, string? body)
    {
        var admin = await fixture.Host.AdminAsync();
        using var response = await admin.SendAsync(Request(method, path, body));
        Assert.NotEqual(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.NotEqual(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.True((int)response.StatusCode < 500, $"{method} {path}: {response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    private static HttpRequestMessage Request(string method, string path, string? body) => new(new HttpMethod(method), path)
    {
        Content = body is null ? null : JsonContent.Create(System.Text.Json.Nodes.JsonNode.Parse(body)),
    };
}

/// <summary>One host for a test class whose tests do not change what the others check.</summary>
public sealed class AdminHostFixture : IDisposable
{
    public AdminHost Host { get; } = new();

    public void Dispose() => Host.Dispose();
}
