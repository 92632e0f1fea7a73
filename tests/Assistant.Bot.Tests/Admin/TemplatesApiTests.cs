using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Assistant.Bot.Tests.Intake;

namespace Assistant.Bot.Tests.Admin;

/// <summary>Editing reply templates: preview, refusal of broken texts, versions, rollback, and the assistant using them.</summary>
public sealed class TemplatesApiTests : IDisposable
{
    private readonly AdminHost _host = new();

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task The_list_has_every_shipped_template_at_version_0Async()
    {
        var admin = await _host.AdminAsync();
        var list = await admin.GetFromJsonAsync<JsonArray>("/api/admin/templates");

        Assert.Contains(list!, t => (string)t!["key"]! == "Greeting" && (string)t["language"]! == "en" && (int)t["version"]! == 0);
        Assert.True(list!.Count >= 60, $"{list.Count} templates");
        var help = await admin.GetFromJsonAsync<JsonObject>("/api/admin/templates/Greeting/fr");
        Assert.Contains("operator", help!["variables"]!.AsArray().Select(v => (string)v!));
        Assert.Equal((string)help["shippedText"]!, (string)help["text"]!);
    }

    [Fact]
    public async Task A_preview_renders_the_text_against_a_sample_turnAsync()
    {
        var admin = await _host.AdminAsync();
        using var response = await admin.PostAsJsonAsync("/api/admin/templates/Suspended/fr/preview",
            new { text = "Suspendu jusqu'au {{$until}} chez {{$operator}}.", operatorId = "icosnet", values = new Dictionary<string, string> { ["until"] = "demain" } });

        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal("Suspendu jusqu'au demain chez ICOSNET.", (string)body!["rendered"]!);
    }

    [Theory]
    [InlineData("Bonjour {{$}}")]
    [InlineData("Bonjour {{ $nom 'x' }}")]
    [InlineData("Bonjour {{ plugin.missing }}")]
    [InlineData("   ")]
    public async Task A_broken_template_is_refused_with_the_reason_and_not_savedAsync(string text)
    {
        var admin = await _host.AdminAsync();

        using var preview = await admin.PostAsJsonAsync("/api/admin/templates/Help/fr/preview", new { text });
        using var save = await admin.PutAsJsonAsync("/api/admin/templates/Help/fr", new { text, reason = "test" });

        Assert.Equal(HttpStatusCode.BadRequest, preview.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, save.StatusCode);
        var problem = await save.Content.ReadFromJsonAsync<JsonObject>();
        Assert.False(string.IsNullOrWhiteSpace((string?)problem!["errors"]!["text"]![0]));
        var current = await admin.GetFromJsonAsync<JsonObject>("/api/admin/templates/Help/fr");
        Assert.Equal(0, (int)current!["version"]!);
        Assert.Empty(current["history"]!.AsArray());
        Assert.Empty(_host.Audit("template"));
    }

    [Fact]
    public async Task A_save_needs_a_reasonAsync()
    {
        var admin = await _host.AdminAsync();
        using var save = await admin.PutAsJsonAsync("/api/admin/templates/Help/fr", new { text = "Aide." });
        Assert.Equal(HttpStatusCode.BadRequest, save.StatusCode);
    }

    [Fact]
    public async Task A_saved_template_is_used_at_the_next_turn_and_a_rollback_restores_the_shipped_oneAsync()
    {
        var chat = await ChatSession.StartAsync(_host.DirectLine, "dl_template-user");
        var before = await chat.SayAsync("aide");
        Assert.Contains("Je peux", ChatSession.Text(before[0]), StringComparison.Ordinal);
        var admin = await _host.AdminAsync();

        using var save = await admin.PutAsJsonAsync("/api/admin/templates/Help/fr",
            new { text = "Aide révisée du support {{$operator}} : décrivez votre problème.", reason = "shorter help" });
        save.EnsureSuccessStatusCode();
        var during = await chat.SayAsync("aide");

        Assert.Equal("Aide révisée du support Digisense : décrivez votre problème.", ChatSession.Text(during[0]));
        var saved = Assert.Single(_host.Audit("template.save"));
        Assert.Equal("Help/fr", saved.Target);
        Assert.Contains("shorter help", saved.Details, StringComparison.Ordinal);

        using var rollback = await admin.PostAsJsonAsync("/api/admin/templates/Help/fr/rollback", new { version = 0, reason = "back to the original" });
        rollback.EnsureSuccessStatusCode();
        var after = await chat.SayAsync("aide");

        Assert.Equal(ChatSession.Text(before[0]), ChatSession.Text(after[0]));
        var current = await admin.GetFromJsonAsync<JsonObject>("/api/admin/templates/Help/fr");
        Assert.Equal(2, (int)current!["version"]!);
        var history = current["history"]!.AsArray();
        Assert.Equal([2, 1], history.Select(h => (int)h!["version"]!));
        Assert.Equal(0, (int)history[0]!["restoredFrom"]!);
        Assert.Equal("shorter help", (string)history[1]!["reason"]!);
        Assert.Single(_host.Audit("template.rollback"));
    }

    [Fact]
    public async Task A_saved_version_survives_a_restartAsync()
    {
        var admin = await _host.AdminAsync();
        using var save = await admin.PutAsJsonAsync("/api/admin/templates/Help/en", new { text = "Revised help for {{$operator}}.", reason = "test" });
        save.EnsureSuccessStatusCode();
        _host.Factory.Dispose();

        using var restarted = new Channel.ChannelAppFactory(_host.Factory.DataDirectory);
        restarted.Settings["Assistant:Bootstrap:AdminEmail"] = AdminHost.AdminEmail;
        restarted.Settings["Assistant:Bootstrap:AdminPassword"] = AdminHost.AdminPassword;
        var replies = (Assistant.Bot.SemanticKernel.ReplyTemplates)restarted.Services.GetService(typeof(Assistant.Bot.SemanticKernel.ReplyTemplates))!;

        Assert.Equal("Revised help for Digisense.", await replies.RenderAsync("Help", "en", new Dictionary<string, string?> { ["operator"] = "Digisense" }));
    }
}
