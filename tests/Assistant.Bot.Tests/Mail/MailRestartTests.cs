using Assistant.Bot.Tests.Channel;
using Assistant.Bot.Tests.Intake;
using Assistant.Bot.Tests.Hosting;
using Assistant.Ticketing.Mail;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Assistant.Bot.Tests.Mail;

/// <summary>The outbox across a restart, and a start without mail settings.</summary>
public sealed class MailRestartTests(ITestOutputHelper output) : IDisposable
{
    private readonly SmtpSink _smtp = new();
    private readonly string _dataDirectory = ChannelAppFactory.NewDataDirectory();

    public void Dispose()
    {
        _smtp.Dispose();
        Directory.Delete(_dataDirectory, recursive: true);
    }

    [Fact]
    public async Task A_receipt_queued_while_the_mail_server_is_down_is_sent_once_by_the_restarted_serviceAsync()
    {
        _smtp.Stop();
        string reference;
        using (var first = Host())
        {
            (_, reference) = await FileTicketAsync(first, "dl_restart");
            var outbox = first.Services.GetRequiredService<IMailOutbox>();
            Assert.Equal(OutboxStates.Pending, (await WaitForAsync(() => outbox.Find($"receipt:{reference}") is { Attempts: >= 1, State: OutboxStates.Pending } m ? m : null)).State);
        }

        _smtp.Start();
        using var second = Host();
        var outboxAfter = second.Services.GetRequiredService<IMailOutbox>(); // starts the host, and its sender
        var receipt = Assert.Single(await _smtp.WaitForAsync(1));
        Assert.Contains(reference, receipt.Subject, StringComparison.Ordinal);
        var sent = await WaitForAsync(() => outboxAfter.Find($"receipt:{reference}") is { State: OutboxStates.Sent } m ? m : null);
        Assert.True(sent.Attempts >= 2);
        Assert.Single(_smtp.Messages());

        // The logs tell what happened to the mail, never to whom or what it said.
        second.Dispose();
        var logs = string.Join("\n", Directory.EnumerateFiles(Path.Combine(_dataDirectory, "logs")).Select(File.ReadAllText));
        Assert.Matches($@"Mail receipt for ticket {reference} sent \(attempt [2-9]", logs);
        Assert.Contains("attempt 1 failed", logs, StringComparison.Ordinal);
        Assert.DoesNotContain("marie.dupont@example.fr", logs, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Nous avons bien reçu", logs, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_mail_settings_nothing_is_queued_or_sentAsync()
    {
        using var factory = new ChannelAppFactory(_dataDirectory);
        var (_, reference) = await FileTicketAsync(factory, "dl_nomail");
        Assert.NotNull(factory.Services.GetRequiredService<Assistant.Ticketing.Tickets.ITicketService>().Find(reference));
        Assert.Empty(factory.Services.GetRequiredService<IMailOutbox>().List(null, null, 100));
        Assert.Empty(_smtp.Messages());
    }

    [Fact]
    public async Task A_host_without_a_public_url_or_a_sender_refuses_to_start_and_says_which_keyAsync()
    {
        var error = await StartAttempt.FailureAsync(new Dictionary<string, string?> { ["Assistant:Mail:Host"] = "127.0.0.1" });
        Assert.Contains("Assistant:Mail: PublicUrl", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("Assistant:Mail: From", error.ToString(), StringComparison.Ordinal);
    }

    private ChannelAppFactory Host()
    {
        var factory = new ChannelAppFactory(_dataDirectory);
        foreach (var (key, value) in _smtp.Settings())
        {
            factory.Settings[key] = value;
        }

        // Slow retries, so the first host stops while the receipt waits for its next attempt.
        factory.Settings["Assistant:Mail:RetryDelay"] = "00:00:02";
        factory.Settings["Assistant:Mail:MaxRetryDelay"] = "00:00:02";
        return factory;
    }

    private Task<(ChatSession Chat, string Reference)> FileTicketAsync(ChannelAppFactory factory, string userId) =>
        ChatSession.FileTicketAsync(new DirectLineTestClient(factory.CreateClient()) { Log = output.WriteLine }, userId,
            "Le partage d'un dossier Ibox avec un collègue échoue depuis hier.", "Incident", "Ibox");

    private static async Task<T> WaitForAsync<T>(Func<T?> probe)
        where T : class
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            if (probe() is { } found)
            {
                return found;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException("The outbox did not reach the expected state within 20 s");
    }
}
