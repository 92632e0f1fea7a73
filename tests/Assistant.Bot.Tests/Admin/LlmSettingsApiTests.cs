using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Assistant.Bot.SemanticKernel;
using Assistant.Bot.Tests.Channel;
using Assistant.Bot.Tests.Intake;
using Assistant.Bot.Tests.SemanticKernel;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Assistant.Bot.Tests.Admin;

/// <summary>Editing the LLM endpoint at run time: the key is write-only and encrypted at rest; the next turn follows the edit.</summary>
public sealed class LlmSettingsApiTests(ITestOutputHelper output) : IDisposable
{
    private const string Key = "sk-console-secret-4f1d9c2e";

    private readonly AdminHost _host = new();

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task The_key_is_never_returned_audited_or_stored_in_plain_text_and_survives_a_restartAsync()
    {
        var admin = await _host.AdminAsync();

        using var save = await admin.PutAsJsonAsync("/api/admin/settings/llm",
            new { endpoint = "http://127.0.0.1:9/v1", model = "local-model", timeoutSeconds = 5, apiKey = Key, reason = "try the local model" });

        Assert.Equal(HttpStatusCode.OK, save.StatusCode);
        Assert.DoesNotContain(Key, await save.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var text = await admin.GetStringAsync("/api/admin/settings");
        Assert.DoesNotContain(Key, text, StringComparison.Ordinal);
        var llm = JsonNode.Parse(text)!["llm"]!;
        Assert.True((bool)llm["apiKeySet"]!);
        Assert.True((bool)llm["enabled"]!);
        Assert.Equal("console", (string)llm["source"]!);
        Assert.Equal(5, (double)llm["timeoutSeconds"]!);
        var entry = Assert.Single(_host.Audit("settings.llm"));
        Assert.Contains("endpoint none → http://127.0.0.1:9/v1", entry.Details, StringComparison.Ordinal);
        Assert.Contains("key not set → set", entry.Details, StringComparison.Ordinal);
        Assert.DoesNotContain(Key, entry.Details, StringComparison.Ordinal);

        // An edit without the key keeps it.
        using var keep = await admin.PutAsJsonAsync("/api/admin/settings/llm", new { model = "other-model", reason = "rename" });
        keep.EnsureSuccessStatusCode();
        Assert.Equal(Key, _host.Service<LlmEndpoint>().Current.Settings.ApiKey);
        _host.Factory.Dispose();

        // Nothing under the data directory holds the key as text: not admin.db, not its log file, not the logs.
        foreach (var file in Directory.EnumerateFiles(_host.Factory.DataDirectory, "*", SearchOption.AllDirectories))
        {
            Assert.False(Contains(File.ReadAllBytes(file), Encoding.UTF8.GetBytes(Key)), file);
            Assert.False(Contains(File.ReadAllBytes(file), Encoding.Unicode.GetBytes(Key)), file);
        }

        using var restarted = new ChannelAppFactory(_host.Factory.DataDirectory);
        var settings = restarted.Services.GetRequiredService<LlmEndpoint>().Current.Settings;
        Assert.Equal(Key, settings.ApiKey);
        Assert.Equal("other-model", settings.Model);
        Assert.Equal("http://127.0.0.1:9/v1", settings.Endpoint);
    }

    [Fact]
    public async Task Clearing_the_key_removes_it_and_a_reset_serves_the_configuration_againAsync()
    {
        var admin = await _host.AdminAsync();
        using var save = await admin.PutAsJsonAsync("/api/admin/settings/llm", new { endpoint = "http://127.0.0.1:9/v1", apiKey = Key, reason = "test" });
        save.EnsureSuccessStatusCode();

        using var clear = await admin.PutAsJsonAsync("/api/admin/settings/llm", new { clearApiKey = true, reason = "key revoked" });

        clear.EnsureSuccessStatusCode();
        Assert.False((bool)(await clear.Content.ReadFromJsonAsync<JsonObject>())!["apiKeySet"]!);
        Assert.Null(_host.Service<LlmEndpoint>().Current.Settings.ApiKey);
        Assert.Contains("key set → not set", _host.Audit("settings.llm").First().Details, StringComparison.Ordinal);

        using var reset = await admin.PostAsJsonAsync("/api/admin/settings/llm/reset", new { reason = "back to configuration" });

        reset.EnsureSuccessStatusCode();
        var llm = (await admin.GetFromJsonAsync<JsonObject>("/api/admin/settings"))!["llm"]!;
        Assert.False((bool)llm["enabled"]!);
        Assert.Equal("configuration", (string)llm["source"]!);
        Assert.Single(_host.Audit("settings.llm.reset"));
    }

    [Theory]
    [InlineData("""{"endpoint":"ftp://example.com/v1","reason":"test"}""", "endpoint")]
    [InlineData("""{"endpoint":"localhost:11434","reason":"test"}""", "endpoint")]
    [InlineData("""{"endpoint":"http://user:secret@example.com/v1","reason":"test"}""", "endpoint")]
    [InlineData("""{"model":" ","reason":"test"}""", "model")]
    [InlineData("""{"timeoutSeconds":0,"reason":"test"}""", "timeoutSeconds")]
    [InlineData("""{"timeoutSeconds":600,"reason":"test"}""", "timeoutSeconds")]
    [InlineData("""{"apiKey":"x","clearApiKey":true,"reason":"test"}""", "apiKey")]
    [InlineData("""{"model":"m"}""", "reason")]
    public async Task A_bad_edit_is_refused_and_changes_nothingAsync(string body, string field)
    {
        var admin = await _host.AdminAsync();
        var before = _host.Service<LlmEndpoint>().Current;

        using var response = await admin.PutAsync("/api/admin/settings/llm", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonObject>();
        Assert.False(string.IsNullOrWhiteSpace((string?)problem!["errors"]![field]![0]));
        Assert.Same(before, _host.Service<LlmEndpoint>().Current);
        Assert.Empty(_host.Audit("settings"));
    }

    [Fact]
    public async Task An_endpoint_set_at_run_time_is_called_at_the_next_turn_and_clearing_it_brings_the_local_interpreter_backAsync()
    {
        await using var model = await ScriptedChatEndpoint.StartAsync();
        var chat = await ChatSession.StartAsync(new DirectLineTestClient(_host.Factory.CreateClient()) { Log = output.WriteLine }, "dl_llm_switch");
        await chat.SayAsync("Accepter et valider");
        Assert.Equal(0, model.Calls);
        var admin = await _host.AdminAsync();

        using var enable = await admin.PutAsJsonAsync("/api/admin/settings/llm",
            new { endpoint = model.BaseUrl.ToString(), model = "scripted", timeoutSeconds = 5, reason = "try the model" });
        enable.EnsureSuccessStatusCode();
        await chat.SayAsync("Mon Ibox ne synchronise plus aucun fichier depuis hier soir.");

        Assert.True(model.Calls > 0);
        var calls = model.Calls;
        using var disable = await admin.PutAsJsonAsync("/api/admin/settings/llm", new { endpoint = "", reason = "back to local" });
        disable.EnsureSuccessStatusCode();
        await chat.SayAsync("Marie Dupont");

        Assert.Equal(calls, model.Calls);
        Assert.False(_host.Service<LlmEndpoint>().Current.Settings.Enabled);
    }

    private static bool Contains(byte[] haystack, byte[] needle) => haystack.AsSpan().IndexOf(needle) >= 0;
}
