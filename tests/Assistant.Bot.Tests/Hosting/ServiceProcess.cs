using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Assistant.Bot.Tests.Channel;

namespace Assistant.Bot.Tests.Hosting;

/// <summary>
/// The built service (Assistant.Bot.dll beside the tests) in a process of its own, started with the arguments and
/// environment a test gives; its console output is kept so a test can read what it said at start.
/// </summary>
public sealed class ServiceProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private ServiceProcess(Process process)
    {
        _process = process;
        process.OutputDataReceived += (_, line) => Append(line.Data);
        process.ErrorDataReceived += (_, line) => Append(line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public bool HasExited => _process.HasExited;

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Starts the service in <paramref name="workingDirectory"/>, which is also its data directory and content root.</summary>
    public static ServiceProcess Start(string workingDirectory, IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Assistant.Bot.dll"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // The test runner's own address settings must not leak into the service.
        start.Environment.Remove("ASPNETCORE_URLS");
        start.Environment.Remove("ASPNETCORE_HTTP_PORTS");
        start.Environment.Remove("ASPNETCORE_HTTPS_PORTS");
        start.Environment.Remove("URLS");
        start.Environment["Assistant__DataDirectory"] = workingDirectory;
        start.Environment["DirectLine__Secret"] = ChannelAppFactory.Secret;
        start.Environment["Moderation__ModelsDirectory"] = SharedModels.Directory;
        start.Environment["Moderation__TrainWhenMissing"] = "false";
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        return new ServiceProcess(Process.Start(start)!);
    }

    /// <summary>Waits until <c>/healthz</c> answers 200 at <paramref name="address"/>; false if the process exits or two minutes pass.</summary>
    public async Task<bool> AnswersAtAsync(Uri address)
    {
        using var probe = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (!_process.HasExited && DateTime.UtcNow < deadline)
        {
            try
            {
                using var health = await probe.GetAsync("/healthz");
                if (health.StatusCode == HttpStatusCode.OK)
                {
                    return true;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                // Not listening (yet).
            }

            await Task.Delay(200);
        }

        return false;
    }

    /// <summary>Waits until the service has written <paramref name="text"/> or exited; false after two minutes.</summary>
    public async Task<bool> WroteAsync(string text)
    {
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (DateTime.UtcNow < deadline)
        {
            if (Output.Contains(text, StringComparison.Ordinal))
            {
                return true;
            }

            if (_process.HasExited)
            {
                _process.WaitForExit(); // drains the output readers
                return Output.Contains(text, StringComparison.Ordinal);
            }

            await Task.Delay(200);
        }

        return false;
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }
}
