using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Assistant.Bot.Tests.Auth;

public sealed class StaffApiTests(StaffApiFactory factory) : IClassFixture<StaffApiFactory>
{
    [Fact]
    public async Task An_admin_adds_an_agent_who_can_then_log_in_with_their_scopeAsync()
    {
        var admin = await factory.AdminClientAsync();

        var created = await admin.PostAsJsonAsync("/api/staff", new { email = "nadia@example.com", displayName = "Nadia", role = "agent", operatorIds = new[] { "icosnet" }, password = "nadia-password" });

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.DoesNotContain("password", await created.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
        var agent = await factory.ClientForAsync("nadia@example.com", "nadia-password");
        using var me = JsonDocument.Parse(await agent.GetStringAsync("/api/auth/me"));
        Assert.Equal("agent", me.RootElement.GetProperty("role").GetString());
        Assert.Equal(["icosnet"], me.RootElement.GetProperty("operatorIds").EnumerateArray().Select(o => o.GetString()));
        Assert.Equal(HttpStatusCode.Forbidden, (await agent.GetAsync("/api/staff")).StatusCode);
    }

    [Fact]
    public async Task Bad_staff_data_is_refused_field_by_fieldAsync()
    {
        var admin = await factory.AdminClientAsync();

        var response = await admin.PostAsJsonAsync("/api/staff", new { email = "x@example.com", role = "root", operatorIds = new[] { "acme" }, password = "short" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var fields = body.RootElement.GetProperty("errors").EnumerateObject().Select(p => p.Name).Order();
        Assert.Equal(["operatorIds", "password", "role"], fields);
    }

    [Fact]
    public async Task The_same_email_cannot_be_added_twiceAsync()
    {
        var admin = await factory.AdminClientAsync();

        var again = await admin.PostAsJsonAsync("/api/staff", new { email = StaffApiFactory.AdminEmail, role = "admin", password = "another-password" });

        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
    }

    [Fact]
    public async Task The_last_active_admin_cannot_be_disabledAsync()
    {
        var admin = await factory.AdminClientAsync();
        using var me = JsonDocument.Parse(await admin.GetStringAsync("/api/auth/me"));

        var response = await admin.PatchAsJsonAsync($"/api/staff/{me.RootElement.GetProperty("id").GetString()}", new { disabled = true });

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/api/auth/me")).StatusCode);
    }
}
