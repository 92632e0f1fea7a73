using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Assistant.Bot.Tests.Admin;
using Assistant.Bot.Tests.Channel;
using Assistant.Ticketing.Tickets;
using Microsoft.Extensions.DependencyInjection;

namespace Assistant.Bot.Tests.Backup;

/// <summary>
/// <c>Assistant.Cli backup</c> through the running service while chats post and tickets are filed, then
/// <c>Assistant.Cli restore</c> into a new data directory and a service started on it: every activity acknowledged and
/// every ticket filed before the backup began is there, visitors' tokens and the admin's login still work. A data
/// directory a service has open is refused.
/// </summary>
public sealed class BackupRestoreTests : IDisposable
{
    private const int Chats = 4;
    private readonly ChannelAppFactory _factory = new();
    private readonly List<string> _folders = [];

    public BackupRestoreTests()
    {
        _factory.Settings["Assistant:Bootstrap:AdminEmail"] = AdminHost.AdminEmail;
        _factory.Settings["Assistant:Bootstrap:AdminPassword"] = AdminHost.AdminPassword;
        _factory.Settings["Assistant:RateLimits:Enabled"] = "false";
    }

    public void Dispose()
    {
        _factory.Dispose();
        foreach (var folder in _folders.Where(Directory.Exists))
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task A_backup_taken_under_load_restores_everything_acknowledged_before_itAsync()
    {
        var server = _factory.StartKestrel();
        using var http = new HttpClient { BaseAddress = server };
        var client = new DirectLineTestClient(http);
        var chats = new List<(string ConversationId, string Token)>();
        for (var i = 0; i < Chats; i++)
        {
            var (conversationId, token, _, _) = await client.StartAsync();
            chats.Add((conversationId, token));
        }

        var acknowledged = new ConcurrentQueue<(string ConversationId, string ActivityId)>();
        var filed = new ConcurrentQueue<string>();
        using var stop = new CancellationTokenSource();
        var tickets = _factory.Services.GetRequiredService<ITicketService>();
        var load = chats.Select(chat => PostUntilStoppedAsync(client, chat, acknowledged, stop.Token)).ToList();
        load.Add(FileTicketsUntilStoppedAsync(tickets, filed, stop.Token));
        while (acknowledged.Count < 40 || filed.Count < 10)
        {
            await Task.Delay(20);
        }

        // What is acknowledged now was acknowledged before the backup began.
        var activitiesBefore = acknowledged.ToArray();
        var ticketsBefore = filed.ToArray();
        var backup = NewFolder();
        var (code, output, error) = await RunCliAsync("backup", backup, "--url", server.ToString());
        var afterBackup = acknowledged.Count;
        await stop.CancelAsync();
        await Task.WhenAll(load);

        Assert.True(code == 0, output + error);
        Assert.True(afterBackup > activitiesBefore.Length, "the chats kept posting during the backup");
        var data = NewFolder();
        (code, output, error) = await RunCliAsync("restore", backup, "--data", data);
        Assert.True(code == 0, output + error);

        using var restored = new ChannelAppFactory(data);
        using var restoredHttp = restored.CreateClient();
        var restoredClient = new DirectLineTestClient(restoredHttp);
        foreach (var (conversationId, token) in chats)
        {
            var ids = await AllActivityIdsAsync(restoredClient, conversationId, token);
            var missing = activitiesBefore.Where(a => a.ConversationId == conversationId && !ids.Contains(a.ActivityId)).ToList();
            Assert.True(missing.Count == 0, $"{missing.Count} acknowledged activities of {conversationId} missing after the restore");
        }

        using var admin = await AdminHost.LoginAsync(restored, AdminHost.AdminEmail, AdminHost.AdminPassword);
        foreach (var reference in ticketsBefore)
        {
            using var response = await admin.GetAsync($"/api/tickets/{reference}");
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"ticket {reference}: {response.StatusCode}");
        }
    }

    [Fact]
    public async Task A_data_directory_in_use_is_refused_for_a_restore_and_a_file_copyAsync()
    {
        var server = _factory.StartKestrel();
        var backup = NewFolder();
        var (code, output, error) = await RunCliAsync("backup", backup, "--url", server.ToString());
        Assert.True(code == 0, output + error);

        (code, _, error) = await RunCliAsync("restore", backup, "--data", _factory.DataDirectory, "--replace");
        Assert.Equal(1, code);
        Assert.Contains("is in use", error, StringComparison.Ordinal);
        Assert.Contains("stop the service", error, StringComparison.Ordinal);

        (code, _, error) = await RunCliAsync("backup", NewFolder(), "--data", _factory.DataDirectory);
        Assert.Equal(1, code);
        Assert.Contains("is in use", error, StringComparison.Ordinal);

        // Nothing was moved aside, and the running service still answers.
        var parent = Path.GetDirectoryName(_factory.DataDirectory)!;
        Assert.Empty(Directory.GetDirectories(parent, Path.GetFileName(_factory.DataDirectory) + ".before-restore-*"));
        using var http = new HttpClient { BaseAddress = server };
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/healthz/ready")).StatusCode);
    }

    [Fact]
    public async Task A_backup_needs_an_admin_and_a_restore_needs_a_backupAsync()
    {
        var server = _factory.StartKestrel();
        using var http = new HttpClient { BaseAddress = server };
        using var anonymous = await http.PostAsync("/api/admin/backup", null);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);

        var notABackup = NewFolder();
        Directory.CreateDirectory(notABackup);
        File.WriteAllText(Path.Combine(notABackup, "tickets.db"), "x");
        var (code, _, error) = await RunCliAsync("restore", notABackup, "--data", NewFolder());
        Assert.Equal(1, code);
        Assert.Contains("is not a backup", error, StringComparison.Ordinal);
    }

    private static async Task PostUntilStoppedAsync(
        DirectLineTestClient client, (string ConversationId, string Token) chat, ConcurrentQueue<(string, string)> acknowledged, CancellationToken stop)
    {
        for (var n = 0; !stop.IsCancellationRequested; n++)
        {
            using var response = await client.PostActivityAsync(
                chat.ConversationId, chat.Token, $$"""{"type":"message","from":{"id":"x"},"text":"Message {{n}} : ma box ne répond plus"}""");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            acknowledged.Enqueue((chat.ConversationId, (string)(await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!));
        }
    }

    private static async Task FileTicketsUntilStoppedAsync(ITicketService tickets, ConcurrentQueue<string> filed, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            var ticket = await tickets.CreateAsync(
                new NewTicket("digisense", "Synchronisation", "Mon Ibox ne synchronise plus depuis ce matin.", "incident", "ibox", "normal", "model",
                    new Requester { UserId = "user-" + Guid.NewGuid().ToString("N")[..8], Name = "Léa Dubois" }, "conv-" + Guid.NewGuid().ToString("N")[..8]),
                new Actor("requester", "load"));
            filed.Enqueue(ticket.Reference);
        }
    }

    private static async Task<HashSet<string>> AllActivityIdsAsync(DirectLineTestClient client, string conversationId, string token)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        string? watermark = null;
        while (true)
        {
            var set = await client.GetActivitiesAsync(conversationId, token, watermark);
            var page = set["activities"]!.AsArray();
            if (page.Count == 0)
            {
                return ids;
            }

            ids.UnionWith(page.Select(a => (string)a!["id"]!));
            watermark = (string?)set["watermark"];
        }
    }

    private string NewFolder()
    {
        var folder = Path.Combine(Path.GetTempPath(), "sa-backup-" + Guid.NewGuid().ToString("N"));
        _folders.Add(folder);
        return folder;
    }

    private static async Task<(int Code, string Output, string Error)> RunCliAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var environment = new Dictionary<string, string?>
        {
            ["ASSISTANT_ADMIN_EMAIL"] = AdminHost.AdminEmail,
            ["ASSISTANT_ADMIN_PASSWORD"] = AdminHost.AdminPassword,
        };
        var code = await Assistant.Cli.Cli.RunAsync(args, name => environment.GetValueOrDefault(name), output, error);
        return (code, output.ToString(), error.ToString());
    }
}
