using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Assistant.Bot.SemanticKernel;

namespace Assistant.Bot.Tests.Admin;

/// <summary>The LLM interpreter's prompt, edited like a reply template. No LLM runs here: what is checked is the prompt served.</summary>
public sealed class InterpretPromptApiTests : IDisposable
{
    private readonly AdminHost _host = new();

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task The_prompt_is_previewed_saved_served_and_rolled_backAsync()
    {
        var admin = await _host.AdminAsync();
        var shipped = await admin.GetFromJsonAsync<JsonObject>("/api/admin/prompts/interpret");
        Assert.Equal(0, (int)shipped!["version"]!);
        Assert.Contains("message", shipped["variables"]!.AsArray().Select(v => (string)v!));

        using var broken = await admin.PutAsJsonAsync("/api/admin/prompts/interpret", new { text = "Lis {{$}}", reason = "test" });
        Assert.Equal(HttpStatusCode.BadRequest, broken.StatusCode);
        using var preview = await admin.PostAsJsonAsync("/api/admin/prompts/interpret/preview", new { text = "Message pour {{$operator}} : {{$message}}" });
        Assert.StartsWith("Message pour Digisense : Bonjour", (string)(await preview.Content.ReadFromJsonAsync<JsonObject>())!["rendered"]!, StringComparison.Ordinal);

        using var save = await admin.PutAsJsonAsync("/api/admin/prompts/interpret", new { text = "Extrais les champs de : {{$message}}", reason = "shorter prompt" });
        save.EnsureSuccessStatusCode();
        var prompt = _host.Service<InterpretPrompt>();
        Assert.Equal("Extrais les champs de : {{$message}}", prompt.CurrentText);
        Assert.Single(_host.Audit("prompt.save"));

        using var rollback = await admin.PostAsJsonAsync("/api/admin/prompts/interpret/rollback", new { version = 0, reason = "back" });
        rollback.EnsureSuccessStatusCode();
        Assert.Equal(prompt.ShippedText, prompt.CurrentText);
        Assert.Equal(2, (int)(await admin.GetFromJsonAsync<JsonObject>("/api/admin/prompts/interpret"))!["version"]!);
    }
}
