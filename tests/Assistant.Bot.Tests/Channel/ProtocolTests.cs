namespace Assistant.Bot.Tests.Channel;

/// <summary>
/// Runs tests/protocol (node --test) against the real server on Kestrel: the real botframework-directlinejs
/// client does the talking, over WebSocket and polling.
/// </summary>
[Trait("Category", "Protocol")]
public sealed class ProtocolTests
{
    [Fact]
    public async Task The_real_directlinejs_client_passes_the_protocol_suiteAsync()
    {
        using var factory = new ChannelAppFactory();
        factory.Settings["DirectLine:KeepAliveInterval"] = "00:00:01";
        var server = factory.StartKestrel();

        var result = await NodeScript.RunAsync("--test --test-reporter=spec", server, TimeSpan.FromMinutes(3));

        Assert.True(result.ExitCode == 0, $"node --test exited with {result.ExitCode}:\n{result.Output}\n{result.Errors}");
    }
}
