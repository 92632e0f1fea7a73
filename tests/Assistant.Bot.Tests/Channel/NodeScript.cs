using System.Diagnostics;

namespace Assistant.Bot.Tests.Channel;

/// <summary>Runs a Node script of tests/protocol against a running server (DL_BASE, DL_SECRET), with a time limit.</summary>
public static class NodeScript
{
    public sealed record Result(int ExitCode, string Output, string Errors);

    public static async Task<Result> RunAsync(string arguments, Uri server, TimeSpan timeout)
    {
        var protocolDirectory = Path.Combine(RepositoryRoot(), "tests", "protocol");
        Assert.True(
            Directory.Exists(Path.Combine(protocolDirectory, "node_modules", "botframework-directlinejs")),
            $"The Node packages of the protocol tests are missing: run build/install-test-deps.sh (npm ci in {protocolDirectory}).");
        var start = new ProcessStartInfo("node", arguments)
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
        using var limit = new CancellationTokenSource(timeout);
        try
        {
            await node.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            node.Kill(entireProcessTree: true);
            throw;
        }
        return new Result(node.ExitCode, await output, await errors);
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "SupportAssistant.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("SupportAssistant.sln not found above the test output.");
    }
}
