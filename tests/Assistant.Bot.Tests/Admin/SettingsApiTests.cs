using System.Text.Json.Nodes;

namespace Assistant.Bot.Tests.Admin;

public sealed class SettingsApiTests : IDisposable
{
    private const string Key = "sk-test-secret-key-123";

    private readonly AdminHost _host = new(new Dictionary<string, string?>
    {
        ["Assistant:Llm:Endpoint"] = "http://127.0.0.1:9/v1",
        ["Assistant:Llm:ApiKey"] = Key,
    });

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task The_settings_show_operators_and_whether_the_llm_key_is_set_but_never_the_keyAsync()
    {
        var admin = await _host.AdminAsync();
        // The host loads its models in the background after start: until then no model version is served.
        var text = await admin.GetStringAsync("/api/admin/settings");
        for (var i = 0; i < 300 && JsonNode.Parse(text)!["modelVersion"] is null; i++)
        {
            await Task.Delay(200);
            text = await admin.GetStringAsync("/api/admin/settings");
        }

        Assert.DoesNotContain(Key, text, StringComparison.Ordinal);
        var settings = JsonNode.Parse(text)!;
        Assert.True((bool)settings["llm"]!["apiKeySet"]!);
        Assert.Equal("http://127.0.0.1:9/v1", (string)settings["llm"]!["endpoint"]!);
        Assert.Equal("configuration", (string)settings["llm"]!["source"]!);
        var digisense = settings["operators"]!.AsArray().Single(o => (string)o!["id"]! == "digisense")!;
        Assert.False(string.IsNullOrEmpty((string?)digisense["cguVersion"]));
        Assert.NotEmpty(digisense["businessHours"]!.AsArray());
        Assert.Equal("configuration", (string)digisense["source"]!);
        Assert.False(string.IsNullOrEmpty((string?)settings["modelVersion"]));
    }
}
