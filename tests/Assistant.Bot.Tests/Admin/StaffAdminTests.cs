using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Assistant.Bot.Admin.Audit;

namespace Assistant.Bot.Tests.Admin;

/// <summary>Staff accounts from the admin console: every change audited, password reset by a temporary password.</summary>
public sealed class StaffAdminTests : IDisposable
{
    private readonly AdminHost _host = new();

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task Creating_disabling_and_resetting_are_audited_without_passwordsAsync()
    {
        var admin = await _host.AdminAsync();
        using var created = await admin.PostAsJsonAsync("/api/staff", new { email = "new.agent@example.com", role = "agent", operatorIds = new[] { "icosnet" }, password = "first-password-1" });
        created.EnsureSuccessStatusCode();
        var id = (string)(await created.Content.ReadFromJsonAsync<JsonObject>())!["id"]!;

        using var reset = await admin.PostAsync($"/api/staff/{id}/reset-password", null);
        reset.EnsureSuccessStatusCode();
        var temporary = (string)(await reset.Content.ReadFromJsonAsync<JsonObject>())!["temporaryPassword"]!;
        Assert.True(temporary.Length >= 12);
        var agent = await _host.LoginAsync("new.agent@example.com", temporary);
        Assert.Equal(HttpStatusCode.OK, (await agent.GetAsync("/api/auth/me")).StatusCode);

        using var disabled = await admin.PatchAsJsonAsync($"/api/staff/{id}", new { disabled = true });
        disabled.EnsureSuccessStatusCode();
        using var login = await _host.Anonymous.PostAsJsonAsync("/api/auth/token", new { email = "new.agent@example.com", password = temporary });
        Assert.Equal(HttpStatusCode.Unauthorized, login.StatusCode);

        var entries = _host.Audit("staff");
        Assert.Equal(["staff.disable", "staff.reset-password", "staff.create"], entries.Select(e => e.Action));
        Assert.All(entries, e => Assert.Equal(id, e.Target));
        Assert.All(entries, e => Assert.StartsWith("staff:", e.Actor, StringComparison.Ordinal));
        Assert.All(entries, e => Assert.DoesNotContain(temporary, e.Details, StringComparison.Ordinal));
        Assert.All(entries, e => Assert.DoesNotContain("first-password-1", e.Details, StringComparison.Ordinal));
        // Staff endpoints write their own entry: no second, generic one.
        Assert.Empty(_host.Service<AuditLog>().Search(new AuditQuery(Action: "http.")));
    }
}
