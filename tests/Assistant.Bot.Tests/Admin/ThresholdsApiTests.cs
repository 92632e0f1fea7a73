using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Assistant.Bot.Tests.Intake;
using Assistant.Moderation.Thresholds;

namespace Assistant.Bot.Tests.Admin;

/// <summary>Thresholds per label: read, preview on the held-out set and on recent traffic, change (audited).</summary>
public sealed class ThresholdsApiTests : IDisposable
{
    private readonly AdminHost _host = new();

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task The_thresholds_in_use_are_readAsync()
    {
        var admin = await _host.AdminAsync();
        var body = await admin.GetFromJsonAsync<JsonObject>("/api/admin/moderation/thresholds");

        Assert.Equal(ModerationThresholds.Defaults.Abusive.Threshold, (float)body!["abusive"]!["threshold"]!);
        Assert.Equal("refuse", (string)body["abusive"]!["action"]!);
        Assert.Contains("quarantine", body["actions"]!.AsArray().Select(a => (string)a!));
    }

    [Fact]
    public async Task A_preview_gives_sane_held_out_numbers_that_move_with_the_thresholdAsync()
    {
        var admin = await _host.AdminAsync();
        var strict = await PreviewAsync(admin, 0.9f);
        var loose = await PreviewAsync(admin, 0.1f);

        var current = strict["current"]!;
        Assert.True((int)current["rows"]! > 100, $"{current["rows"]} held-out rows");
        foreach (var metrics in new[] { strict["proposed"]!["abusive"]!, loose["proposed"]!["abusive"]!, current["abusive"]!, current["offtopic"]! })
        {
            Assert.InRange((double)metrics["precision"]!, 0, 1);
            Assert.InRange((double)metrics["recall"]!, 0, 1);
            Assert.True((int)metrics["support"]! > 0);
            Assert.Equal((int)metrics["flagged"]! - (int)metrics["truePositives"]!, (int)metrics["falsePositives"]!);
        }

        // The served model is useful at the default threshold, and lowering the threshold flags more and catches more.
        Assert.True((double)current["abusive"]!["recall"]! > 0.5, $"recall {current["abusive"]!["recall"]}");
        Assert.True((double)current["abusive"]!["precision"]! > 0.5, $"precision {current["abusive"]!["precision"]}");
        Assert.True((int)loose["proposed"]!["abusive"]!["flagged"]! > (int)strict["proposed"]!["abusive"]!["flagged"]!);
        Assert.True((double)loose["proposed"]!["abusive"]!["recall"]! >= (double)strict["proposed"]!["abusive"]!["recall"]!);
        Assert.True((int)loose["proposed"]!["okFlagged"]! >= (int)strict["proposed"]!["okFlagged"]!);
    }

    [Fact]
    public async Task A_preview_counts_the_recent_messages_that_would_change_decisionAsync()
    {
        var chat = await ChatSession.StartAsync(_host.DirectLine, "dl_traffic-user");
        await chat.SayAsync("Ma Ibox ne synchronise plus mes fichiers depuis ce matin");
        await chat.SayAsync("Je vais vous tuer");
        var admin = await _host.AdminAsync();

        var same = await PreviewAsync(admin, ModerationThresholds.Defaults.Abusive.Threshold);
        Assert.Equal(2, (int)same["traffic"]!["messages"]!);
        Assert.Equal(0, (int)same["traffic"]!["changed"]!);

        // Every message is abusive at the lowest threshold; the threat was already abusive (a rule decides it).
        var all = await PreviewAsync(admin, 0.000001f);
        Assert.Equal(1, (int)all["traffic"]!["changed"]!);
        Assert.Equal(1, (int)all["traffic"]!["changes"]!["ok:allow → abusive:refuse"]!);

        // A different action changes the decision on the threat too.
        using var response = await admin.PostAsJsonAsync("/api/admin/moderation/thresholds/preview",
            new { abusive = new { threshold = 0.3, action = "quarantine" }, days = 7 });
        var quarantine = await response.Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal(1, (int)quarantine!["traffic"]!["changes"]!["abusive:refuse → abusive:quarantine"]!);
    }

    [Fact]
    public async Task A_change_applies_to_the_next_message_and_is_auditedAsync()
    {
        var admin = await _host.AdminAsync();
        using var response = await admin.PutAsJsonAsync("/api/admin/moderation/thresholds",
            new { abusive = new { threshold = 0.45, action = "quarantine" }, reason = "fewer false refusals" });

        response.EnsureSuccessStatusCode();
        var current = _host.Service<IModerationSettings>().Current;
        Assert.Equal(0.45f, current.Abusive.Threshold);
        Assert.Equal("quarantine", current.Abusive.Action);
        Assert.Equal(ModerationThresholds.Defaults.Offtopic, current.Offtopic);
        var entry = Assert.Single(_host.Audit("thresholds.update"));
        var before = ModerationThresholds.Defaults;
        var expected = string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"abusive {before.Abusive.Threshold:0.00}/{before.Abusive.Action}, offtopic {before.Offtopic.Threshold:0.00}/{before.Offtopic.Action} → abusive 0.45/quarantine");
        Assert.Contains(expected, entry.Details, StringComparison.Ordinal);
        Assert.Contains("fewer false refusals", entry.Details, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1.5, "refuse", "fine")]
    [InlineData(0.5, "explode", "fine")]
    [InlineData(0.5, "refuse", "")]
    public async Task An_invalid_change_is_refused_and_nothing_changesAsync(double threshold, string action, string reason)
    {
        var admin = await _host.AdminAsync();
        using var response = await admin.PutAsJsonAsync("/api/admin/moderation/thresholds", new { abusive = new { threshold, action }, reason });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(ModerationThresholds.Defaults, _host.Service<IModerationSettings>().Current);
        Assert.Empty(_host.Audit("thresholds"));
    }

    private static async Task<JsonObject> PreviewAsync(HttpClient admin, float abusive)
    {
        using var response = await admin.PostAsJsonAsync("/api/admin/moderation/thresholds/preview",
            new { abusive = new { threshold = abusive, action = "refuse" }, days = 7 });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }
}
