using System.Collections.Concurrent;
using System.Text.Json;
using Assistant.EndToEnd.Tests.WebChat;
using Microsoft.Playwright;

namespace Assistant.EndToEnd.Tests.Hosting;

/// <summary>
/// The service behind Debian's nginx terminating TLS (<see cref="NginxProxy"/>), with <c>Assistant:Proxy</c> set as the
/// README says: Chromium loads the chat over https, WebChat's stream is <c>wss://</c> on nginx's address, the assistant
/// answers, and a file the visitor sends downloads over https.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class ReverseProxyTests : IAsyncLifetime
{
    private const int Slow = 20_000;
    private readonly KestrelAppFactory _factory = new();
    private NginxProxy? _nginx;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public async Task InitializeAsync()
    {
        _factory.Settings["Assistant:Proxy:KnownProxies:0"] = "127.0.0.1";
        var backend = _factory.Start();
        _nginx = await NginxProxy.StartAsync(backend);
        (_playwright, _browser) = await Browser.LaunchAsync();
    }

    [Fact]
    public async Task Behind_nginx_the_chat_streams_over_wss_and_files_download_over_httpsAsync()
    {
        var context = await _browser!.NewContextAsync(new BrowserNewContextOptions { Locale = "fr-FR", IgnoreHTTPSErrors = true });
        var page = await context.NewPageAsync();
        var sockets = new ConcurrentQueue<string>();
        var streamUrls = new ConcurrentQueue<string>();
        var refused = new ConcurrentQueue<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.StartsWith("Refused to", StringComparison.Ordinal) || message.Text.Contains("Mixed Content", StringComparison.Ordinal))
            {
                refused.Enqueue(message.Text);
            }
        };
        page.WebSocket += (_, socket) => sockets.Enqueue(socket.Url);
        page.Response += async (_, response) =>
        {
            if (response.Request.Method == "POST" && response.Url.EndsWith("/v3/directline/conversations", StringComparison.Ordinal))
            {
                using var body = JsonDocument.Parse(await response.TextAsync());
                streamUrls.Enqueue(body.RootElement.GetProperty("streamUrl").GetString()!);
            }
        };
        var origin = _nginx!.Address.GetLeftPart(UriPartial.Authority);

        await page.GotoAsync(origin + "/");
        await Assertions.Expect(page.Locator("#webchat .webchat__bubble__content", new() { HasText = "Bonjour, je suis" })).ToBeVisibleAsync(new() { Timeout = Slow });
        await page.Locator("button.webchat__suggested-actions__button", new() { HasText = "Accepter et valider" }).ClickAsync(new() { Timeout = Slow });
        await Assertions.Expect(page.Locator("#webchat .webchat__bubble__content", new() { HasText = "Quel est votre problème" })).ToBeVisibleAsync(new() { Timeout = Slow });

        var wss = "wss://" + _nginx.Address.Authority + "/v3/directline/conversations/";
        Assert.StartsWith(wss, Assert.Single(streamUrls), StringComparison.Ordinal);
        Assert.Contains(sockets, url => url.StartsWith(wss, StringComparison.Ordinal));

        await page.Locator("#webchat input[type=file]").SetInputFilesAsync(new FilePayload
        {
            Name = "journal-erreurs.txt",
            MimeType = "text/plain",
            Buffer = "Erreur 0x80070005 à la synchronisation"u8.ToArray(),
        });
        // WebChat keeps the chosen file in the send box until "Envoyer" (sendAttachmentOn: "send").
        await page.GetByRole(AriaRole.Button, new() { Name = "Envoyer" }).ClickAsync();
        // WebChat then reads the file from its blob: URL and posts it to the upload route.
        var link = page.Locator($"#webchat a[href^='{origin}/v3/directline/attachments/']");
        await Assertions.Expect(link.First).ToBeVisibleAsync(new() { Timeout = Slow });
        var href = await link.First.GetAttributeAsync("href");
        var downloaded = await page.EvaluateAsync<string>("url => fetch(url).then(r => r.ok ? r.text() : 'HTTP ' + r.status)", href);
        Assert.Equal("Erreur 0x80070005 à la synchronisation", downloaded);
        await page.ScreenshotAsync(new() { Path = Browser.ArtifactPath("webchat-behind-nginx.png") });
        Assert.True(refused.IsEmpty, string.Join('\n', refused));
        Assert.DoesNotContain("[error]", _nginx.ErrorLog, StringComparison.Ordinal);
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
        _nginx?.Dispose();
        await _factory.DisposeAsync();
    }
}
