using System.Diagnostics;
using System.Text.Json.Nodes;

namespace Assistant.Bot.Tests.BotFramework;

/// <summary>
/// A script of tests/protocol (botframework-channel.js, botframework-parent.js) running against the bot: the steps it
/// prints on stdout are read as they come, so the test can act as the support team between them.
/// </summary>
public sealed class ChannelScript : IAsyncDisposable
{
    private readonly Process _node;
    private readonly System.Threading.Channels.Channel<JsonObject> _steps = System.Threading.Channels.Channel.CreateUnbounded<JsonObject>();
    private readonly System.Text.StringBuilder _errors = new();
    private readonly Task _reading;

    private ChannelScript(Process node)
    {
        _node = node;
        _reading = ReadAsync();
        node.ErrorDataReceived += (_, e) =>
        {
            lock (_errors)
            {
                _errors.AppendLine(e.Data);
            }
        };
        node.BeginErrorReadLine();
    }

    /// <summary>What the script wrote on stderr: the whole conversation, for a failure message.</summary>
    public string Transcript
    {
        get
        {
            lock (_errors)
            {
                return _errors.ToString();
            }
        }
    }

    public static ChannelScript Start(Uri bot, string agentText) =>
        Start("botframework-channel.js", bot, new Dictionary<string, string> { ["AGENT_TEXT"] = agentText });

    public static ChannelScript Start(string script, Uri bot, IReadOnlyDictionary<string, string>? environment = null)
    {
        var directory = Path.Combine(RepositoryRoot(), "tests", "protocol");
        Assert.True(
            Directory.Exists(Path.Combine(directory, "node_modules", "botbuilder")),
            $"The Node packages of the protocol tests are missing: run build/install-test-deps.sh (npm ci in {directory}).");
        var start = new ProcessStartInfo("node", script)
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment = { ["BOT_URL"] = new Uri(bot, "api/messages").ToString() },
        };
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        return new ChannelScript(Process.Start(start) ?? throw new InvalidOperationException("node could not be started."));
    }

    /// <summary>The next step the script reports; fails with its transcript if it ends or says nothing for two minutes.</summary>
    public async Task<JsonObject> NextStepAsync(string name)
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        try
        {
            var step = await _steps.Reader.ReadAsync(limit.Token);
            Assert.True((string?)step["step"] == name, $"Expected step {name}, got {step.ToJsonString()}\n{Transcript}");
            return step;
        }
        catch (Exception ex) when (ex is OperationCanceledException or System.Threading.Channels.ChannelClosedException)
        {
            await Task.Delay(200); // let stderr drain into the transcript
            Assert.Fail($"The script gave no step {name} (exit {(_node.HasExited ? _node.ExitCode : "none")}):\n{Transcript}");
            throw;
        }
    }

    public async Task<int> WaitForExitAsync()
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await _node.WaitForExitAsync(limit.Token);
        await _reading;
        return _node.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_node.HasExited)
        {
            _node.Kill(entireProcessTree: true);
        }

        await _node.WaitForExitAsync();
        _node.Dispose();
    }

    private async Task ReadAsync()
    {
        while (await _node.StandardOutput.ReadLineAsync() is { } line)
        {
            if (line.StartsWith('{') && JsonNode.Parse(line) is JsonObject step)
            {
                await _steps.Writer.WriteAsync(step);
            }
        }

        _steps.Writer.TryComplete();
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
