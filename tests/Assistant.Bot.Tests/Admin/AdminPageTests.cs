using System.Net;

namespace Assistant.Bot.Tests.Admin;

public sealed class AdminPageTests(AdminHostFixture fixture) : IClassFixture<AdminHostFixture>
{
    [Fact]
    public async Task The_page_loads_the_shared_session_and_its_own_scriptAsync()
    {
        var html = await fixture.Host.Anonymous.GetStringAsync("/admin");

        Assert.Contains("/console/session.js", html, StringComparison.Ordinal);
        Assert.Contains("/admin/admin.js", html, StringComparison.Ordinal);
        Assert.Contains("id=\"login-form\"", html, StringComparison.Ordinal);
        foreach (var asset in new[] { "/admin/admin.js", "/admin/admin.css", "/console/session.js", "/console/console.css" })
        {
            using var response = await fixture.Host.Anonymous.GetAsync(asset);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }
}
