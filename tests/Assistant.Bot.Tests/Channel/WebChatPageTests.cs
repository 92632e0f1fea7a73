using System.Net;

namespace Assistant.Bot.Tests.Channel;

public sealed class WebChatPageTests : IDisposable
{
    private readonly ChannelAppFactory _factory = new();

    [Theory]
    [InlineData("/", "Assistance Digisense", "digisense")]
    [InlineData("/icosnet", "Assistance ICOSNET", "icosnet")]
    public async Task The_page_names_its_operator_and_loads_webchatAsync(string path, string title, string operatorId)
    {
        var html = await _factory.CreateClient().GetStringAsync(path);

        Assert.Contains($"<title>{title}</title>", html, StringComparison.Ordinal);
        Assert.Contains($"data-operator=\"{operatorId}\"", html, StringComparison.Ordinal);
        Assert.Contains("<html lang=\"fr\">", html, StringComparison.Ordinal);
        Assert.Contains("/lib/webchat.js", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_operator_page_is_404Async()
    {
        using var response = await _factory.CreateClient().GetAsync("/unknown-operator");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task The_scripts_and_readiness_are_servedAsync()
    {
        var client = _factory.CreateClient();

        Assert.Contains("data-operator", await client.GetStringAsync("/embed.js"), StringComparison.Ordinal);
        Assert.Contains("createDirectLine", await client.GetStringAsync("/js/chat.js"), StringComparison.Ordinal);
        Assert.Equal("Healthy", await client.GetStringAsync("/healthz/ready"));
    }

    public void Dispose() => _factory.Dispose();
}
