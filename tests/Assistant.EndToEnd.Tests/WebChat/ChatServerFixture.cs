using Microsoft.Playwright;

namespace Assistant.EndToEnd.Tests.WebChat;

/// <summary>One server and one Chromium for the class (launching them is most of the cost); each test gets its own browser context.</summary>
public sealed class ChatServerFixture : IAsyncLifetime
{
    private readonly KestrelAppFactory _factory = new();
    private IPlaywright? _playwright;

    public Uri Server { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Server = _factory.Start();
        (_playwright, Browser) = await WebChat.Browser.LaunchAsync();
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        await _factory.DisposeAsync();
    }
}
