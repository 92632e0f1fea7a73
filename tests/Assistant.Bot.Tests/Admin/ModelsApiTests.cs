using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Assistant.Bot.Tests.Admin;

/// <summary>
/// Model versions for admins. Test hosts share one model directory, so only the served version is promoted
/// (again): promoting another would change what every other test host serves.
/// </summary>
public sealed class ModelsApiTests : IDisposable
{
    private readonly AdminHost _host = new();

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task The_served_version_is_listed_with_its_metrics_and_is_promoted_only_with_a_reason_and_a_passed_gateAsync()
    {
        var admin = await _host.AdminAsync();
        // The host loads its models in the background after start: until then no version is served.
        var models = await admin.GetFromJsonAsync<JsonObject>("/api/admin/models");
        for (var i = 0; i < 300 && models!["current"] is null; i++)
        {
            await Task.Delay(200);
            models = await admin.GetFromJsonAsync<JsonObject>("/api/admin/models");
        }
        var current = (string)models!["current"]!;
        var served = models["versions"]!.AsArray().SingleOrDefault(v => (bool)v!["current"]!)
            ?? throw new InvalidOperationException($"No version is marked current in {models.ToJsonString()}");
        Assert.Equal(current, (string)served["version"]!);
        Assert.True((double)served["metrics"]!["moderation.macroF1"]! > 0.5);

        using var noReason = await admin.PostAsJsonAsync($"/api/admin/models/{current}/promote", new { reason = "" });
        using var unknown = await admin.PostAsJsonAsync("/api/admin/models/19990101-000000-deadbeef/promote", new { reason = "test" });
        using var promoted = await admin.PostAsJsonAsync($"/api/admin/models/{current}/promote", new { reason = "confirmed after review" });

        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        // The tests' shared set is served whether or not it passed the gate; promotion follows the gate's verdict.
        if ((bool)served["gate"]!["passed"]!)
        {
            Assert.Equal(HttpStatusCode.OK, promoted.StatusCode);
            Assert.Contains("confirmed after review", Assert.Single(_host.Audit("model.promote")).Details, StringComparison.Ordinal);
        }
        else
        {
            Assert.Equal(HttpStatusCode.Conflict, promoted.StatusCode);
            Assert.Contains("promotion gate", await promoted.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            Assert.Empty(_host.Audit("model.promote"));
        }
    }
}
