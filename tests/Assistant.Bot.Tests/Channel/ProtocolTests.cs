using System.Diagnostics;

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
        var protocolDirectory = Path.Combine(RepositoryRoot(), "tests", "protocol");
        Assert.True(
            Directory.Exists(Path.Combine(protocolDirectory, "node_modules", "botframework-directlinejs")),
            $"The Node packages of the protocol tests are missing: run build/install-test-deps.sh (npm ci in {protocolDirectory}).");

        using var factory = new ChannelAppFactory();
        factory.Settings["DirectLine:KeepAliveInterval"] = "00:00:01";
        var server = factory.StartKestrel();

        var start = new ProcessStartInfo("node", "--test --test-reporter=spec")
        {
            WorkingDirectory = protocolDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment =
            {
                ["DL_BASE"] = server.ToString().TrimEnd('/'),
                ["DL_SECRET"] = ChannelAppFactory.Secret,
            },
        };
        using var node = Process.Start(start) ?? throw new InvalidOperationException("node could not be started.");
        var output = node.StandardOutput.ReadToEndAsync();
        var errors = node.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        try
        {
            await node.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            node.Kill(entireProcessTree: true);
            throw;
        }

        Assert.True(node.ExitCode == 0, $"node --test exited with {node.ExitCode}:\n{await output}\n{await errors}");
    }

    public static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "SupportAssistant.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("SupportAssistant.sln not found above the test output.");
    }
}
