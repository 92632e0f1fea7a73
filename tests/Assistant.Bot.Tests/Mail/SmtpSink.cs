using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using MimeKit;

namespace Assistant.Bot.Tests.Mail;

/// <summary>
/// A real SMTP server for the tests: Debian's aiosmtpd in its own process on a free loopback port, with the handler in
/// <c>smtp_sink.py</c> writing each message to a folder. It can be stopped and started again on the same port.
/// </summary>
public sealed class SmtpSink : IDisposable
{
    private const string Python = "/usr/bin/python3";
    private Process? _server;

    public SmtpSink()
    {
        Assert.True(File.Exists(Python), "Debian's python3 is missing");
        Directory.CreateDirectory(MailDirectory);
        Port = FreePort();
        Start();
    }

    public int Port { get; }

    public string MailDirectory { get; } = Path.Combine(Path.GetTempPath(), "sa-smtp-" + Guid.NewGuid().ToString("N"));

    /// <summary>The settings that send an operator's mail to this server.</summary>
    public Dictionary<string, string> Settings(string publicUrl = "http://localhost") => new()
    {
        ["Assistant:Mail:Host"] = "127.0.0.1",
        ["Assistant:Mail:Port"] = Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Assistant:Mail:UseTls"] = "false",
        ["Assistant:Mail:From"] = "Support Digisense <support@digisense.example>",
        ["Assistant:Mail:PublicUrl"] = publicUrl,
        ["Assistant:Mail:RetryDelay"] = "00:00:00.200",
        ["Assistant:Mail:MaxRetryDelay"] = "00:00:00.500",
        ["Assistant:Mail:PollInterval"] = "00:00:00.100",
        ["Assistant:Mail:Timeout"] = "00:00:05",
        // Enough attempts that an outage test never runs out of them while the server restarts.
        ["Assistant:Mail:MaxAttempts"] = "100",
    };

    public void Start()
    {
        var start = new ProcessStartInfo(Python, $"-m aiosmtpd -n -l 127.0.0.1:{Port} -c smtp_sink.Sink {MailDirectory}")
        {
            WorkingDirectory = Path.Combine(RepositoryRoot(), "tests", "Assistant.Bot.Tests", "Mail"),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            // No __pycache__ beside the handler in the source tree.
            Environment = { ["PYTHONDONTWRITEBYTECODE"] = "1" },
        };
        _server = Process.Start(start) ?? throw new InvalidOperationException("aiosmtpd could not be started");
        _server.OutputDataReceived += (_, _) => { };
        _server.ErrorDataReceived += (_, _) => { };
        _server.BeginOutputReadLine();
        _server.BeginErrorReadLine();
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (DateTime.UtcNow < deadline)
        {
            Assert.False(_server.HasExited, "aiosmtpd stopped at start: is python3-aiosmtpd installed (build/install-test-deps.sh)?");
            try
            {
                using var client = new TcpClient();
                client.Connect(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException)
            {
                Thread.Sleep(50);
            }
        }

        throw new InvalidOperationException("aiosmtpd did not listen within 15 s");
    }

    public void Stop()
    {
        if (_server is { HasExited: false })
        {
            _server.Kill(entireProcessTree: true);
            _server.WaitForExit();
        }

        _server?.Dispose();
        _server = null;
    }

    /// <summary>Every message received so far, oldest first.</summary>
    public IReadOnlyList<MimeMessage> Messages() =>
        Directory.EnumerateFiles(MailDirectory, "*.eml").Order(StringComparer.Ordinal).Select(path => MimeMessage.Load(path)).ToList();

    /// <summary>Waits until at least <paramref name="count"/> messages arrived (15 s at most), then returns them all.</summary>
    public async Task<IReadOnlyList<MimeMessage>> WaitForAsync(int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (DateTime.UtcNow < deadline && Directory.EnumerateFiles(MailDirectory, "*.eml").Count() < count)
        {
            await Task.Delay(50);
        }

        var messages = Messages();
        Assert.True(messages.Count >= count, $"{messages.Count} messages arrived, {count} expected");
        return messages;
    }

    /// <summary>A free loopback port, for a server whose address must be known before it starts.</summary>
    public static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    // The handler script is read from the source tree (the end-to-end tests compile this file too).
    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "SupportAssistant.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("SupportAssistant.sln not found above the test output.");
    }

    public void Dispose()
    {
        Stop();
        Directory.Delete(MailDirectory, recursive: true);
    }
}
