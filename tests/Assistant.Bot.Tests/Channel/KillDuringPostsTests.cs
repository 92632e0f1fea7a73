using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using Assistant.Bot.Channel.Storage.Journal;

namespace Assistant.Bot.Tests.Channel;

/// <summary>
/// The real service in a process of its own, 30 chats posting as fast as they can, killed with SIGKILL in the middle:
/// after a restart on the same files, every message whose POST was answered is in its conversation once, in the order
/// it was sent, with increasing watermarks; and the conversations still take messages.
/// </summary>
public sealed class KillDuringPostsTests : IDisposable
{
    private const int Chats = 30;
    private readonly string _dataDirectory = ChannelAppFactory.NewDataDirectory();

    public void Dispose()
    {
        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temporary folder is harmless.
        }
    }

    [Fact]
    public async Task No_acknowledged_message_is_lost_duplicated_or_reordered_by_a_killAsync()
    {
        var acknowledged = new ConcurrentDictionary<string, List<string>>();
        using (var service = await ServiceProcess.StartAsync(_dataDirectory))
        {
            using var http = service.Client();
            var conversations = await Task.WhenAll(Enumerable.Range(0, Chats).Select(i => StartAsync(http, $"dl_kill-{i}")));
            using var stop = new CancellationTokenSource();
            var posting = conversations.Select(id => PostUntilStoppedAsync(http, id, acknowledged.GetOrAdd(id, _ => []), stop.Token)).ToList();

            // Kill once every chat has had messages acknowledged, while all of them are still posting.
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (acknowledged.Values.Any(list => Count(list) < 5) && DateTime.UtcNow < deadline)
            {
                await Task.Delay(50);
            }

            service.Kill();
            await stop.CancelAsync();
            await Task.WhenAll(posting);
        }

        Assert.All(acknowledged.Values, list => Assert.True(Count(list) >= 5, $"only {Count(list)} messages acknowledged"));
        // The last writes were only in the conversation journal when the process died: the restart has to copy them.
        var journal = JournalSegments.List(Path.Combine(_dataDirectory, JournalSegments.Folder));
        Assert.Contains(journal, path => new FileInfo(path).Length > 0);
        using var restarted = await ServiceProcess.StartAsync(_dataDirectory);
        using var client = restarted.Client();
        foreach (var (conversationId, sent) in acknowledged)
        {
            var stored = await UserMessagesAsync(client, conversationId);
            var texts = stored.Select(s => s.Text).ToList();
            List<string> expected;
            lock (sent)
            {
                expected = [.. sent];
            }

            // Every acknowledged message once; an unacknowledged one cut by the kill may or may not be there, but never twice.
            Assert.All(expected, text => Assert.Single(texts, t => t == text));
            Assert.Equal(texts.Count, texts.Distinct().Count());
            Assert.Equal(texts.OrderBy(t => int.Parse(t.Split('#')[1], System.Globalization.CultureInfo.InvariantCulture)), texts);
            Assert.True(stored.Select(s => s.Watermark).SequenceEqual(stored.Select(s => s.Watermark).Order()), "watermarks go back");
        }

        // The log goes on after the restart, after the highest watermark.
        var (first, firstSent) = acknowledged.First();
        var before = (await UserMessagesAsync(client, first)).Max(s => s.Watermark);
        var after = await PostAsync(client, first, "après le redémarrage #999999");
        Assert.True(long.Parse(after.Split('|')[1], System.Globalization.CultureInfo.InvariantCulture) > before);
        Assert.NotEmpty(firstSent);
    }

    private static int Count(List<string> list)
    {
        lock (list)
        {
            return list.Count;
        }
    }

    private static async Task<string> StartAsync(HttpClient http, string userId)
    {
        using var response = await http.PostAsync("/v3/directline/conversations", Json(new JsonObject { ["user"] = new JsonObject { ["id"] = userId } }.ToJsonString()));
        response.EnsureSuccessStatusCode();
        return (string)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["conversationId"]!;
    }

    private static async Task PostUntilStoppedAsync(HttpClient http, string conversationId, List<string> acknowledged, CancellationToken stop)
    {
        for (var i = 1; !stop.IsCancellationRequested; i++)
        {
            var text = $"message #{i}";
            try
            {
                await PostAsync(http, conversationId, text);
            }
            catch (Exception ex) when (ex is HttpRequestException or IOException or TaskCanceledException or SocketException)
            {
                return; // the service is gone: this message was not acknowledged
            }

            lock (acknowledged)
            {
                acknowledged.Add(text);
            }
        }
    }

    private static async Task<string> PostAsync(HttpClient http, string conversationId, string text)
    {
        using var response = await http.PostAsync($"/v3/directline/conversations/{conversationId}/activities",
            Json(new JsonObject { ["type"] = "message", ["text"] = text, ["from"] = new JsonObject { ["id"] = "ignored" } }.ToJsonString()));
        response.EnsureSuccessStatusCode();
        return (string)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["id"]!;
    }

    private static async Task<List<(string Text, long Watermark)>> UserMessagesAsync(HttpClient http, string conversationId)
    {
        var messages = new List<(string, long)>();
        string? watermark = null;
        while (true)
        {
            var set = JsonNode.Parse(await http.GetStringAsync($"/v3/directline/conversations/{conversationId}/activities?watermark={watermark}"))!;
            var page = set["activities"]!.AsArray().OfType<JsonObject>().ToList();
            if (page.Count == 0)
            {
                return messages;
            }

            messages.AddRange(page.Where(a => (string?)a["from"]?["role"] == "user" && (string?)a["type"] == "message")
                .Select(a => ((string)a["text"]!, long.Parse(((string)a["id"]!).Split('|')[1], System.Globalization.CultureInfo.InvariantCulture))));
            watermark = (string?)set["watermark"];
        }
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    /// <summary>The built service (Assistant.Bot.dll beside the tests) on a free loopback port, with the tests' models.</summary>
    private sealed class ServiceProcess : IDisposable
    {
        private readonly Process _process;

        private ServiceProcess(Process process, Uri address)
        {
            _process = process;
            Address = address;
        }

        public Uri Address { get; }

        public static async Task<ServiceProcess> StartAsync(string dataDirectory)
        {
            var port = FreePort();
            var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
            {
                UseShellExecute = false,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                WorkingDirectory = dataDirectory,
            };
            start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Assistant.Bot.dll"));
            start.ArgumentList.Add("--urls");
            start.ArgumentList.Add($"http://127.0.0.1:{port}");
            start.Environment["Assistant__DataDirectory"] = dataDirectory;
            start.Environment["DirectLine__Secret"] = ChannelAppFactory.Secret;
            start.Environment["Moderation__ModelsDirectory"] = SharedModels.Directory;
            start.Environment["Moderation__TrainWhenMissing"] = "false";
            var process = Process.Start(start)!;
            process.OutputDataReceived += (_, _) => { };
            process.ErrorDataReceived += (_, _) => { };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            var service = new ServiceProcess(process, new Uri($"http://127.0.0.1:{port}"));
            using var probe = new HttpClient { BaseAddress = service.Address };
            var deadline = DateTime.UtcNow.AddMinutes(2);
            while (true)
            {
                try
                {
                    using var health = await probe.GetAsync("/healthz");
                    if (health.StatusCode == HttpStatusCode.OK)
                    {
                        return service;
                    }
                }
                catch (HttpRequestException) when (DateTime.UtcNow < deadline && !process.HasExited)
                {
                    // Not listening yet.
                }

                if (process.HasExited || DateTime.UtcNow > deadline)
                {
                    throw new InvalidOperationException($"The service did not start (exit code {(process.HasExited ? process.ExitCode : -1)}).");
                }

                await Task.Delay(200);
            }
        }

        public HttpClient Client()
        {
            var client = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(30) };
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ChannelAppFactory.Secret);
            return client;
        }

        /// <summary>SIGKILL: no shutdown hook runs, nothing is flushed by the service itself.</summary>
        public void Kill()
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        public void Dispose()
        {
            if (!_process.HasExited)
            {
                Kill();
            }

            _process.Dispose();
        }

        private static int FreePort()
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
    }
}
