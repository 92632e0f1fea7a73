using Assistant.Ticketing.Mail;
using Microsoft.Extensions.Options;

namespace Assistant.Bot.Mail;

/// <summary>
/// Sends the outbox, one mail at a time: takes the next due mail (marked sending in the same transaction), talks to the
/// operator's SMTP server, then marks it sent; a failure that may pass is tried again after a doubling delay, a refused
/// address is marked on the address book and the mail failed at once. A mail found sending at start (the process was
/// stopped during its attempt) is taken again once its lease has run out. Woken by each new mail, else polls.
/// </summary>
public sealed partial class MailDispatcher(
    IMailOutbox outbox,
    IMailAddressBook addresses,
    IServiceProvider services,
    IMailTransport transport,
    IOptions<MailOptions> options,
    TimeProvider time,
    ILogger<MailDispatcher> logger) : BackgroundService
{
    private readonly SemaphoreSlim _wake = new(0);

    /// <summary>A mail was queued: look now instead of at the next poll.</summary>
    public void Wake()
    {
        if (_wake.CurrentCount == 0)
        {
            _wake.Release();
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        var lease = settings.Timeout * 2;
        while (!stoppingToken.IsCancellationRequested)
        {
            OutboxMail? mail = null;
            try
            {
                mail = outbox.TakeNext(time.GetUtcNow(), lease);
                if (mail is not null)
                {
                    await SendAsync(mail, settings, stoppingToken);
                    continue;
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                // Stopped before the server accepted it: due again at the next start (not only once its lease ends).
                if (mail is not null)
                {
                    outbox.MarkRetry(mail.Id, "interrupted by a stop of the service", time.GetUtcNow());
                }

                return;
            }
            catch (Exception ex)
            {
                // A store or template failure must not stop the sender; the mail's lease brings it back.
                LogLoopFailed(logger, ex, mail?.TicketReference);
            }

            var wait = settings.PollInterval;
            if (outbox.NextDue() is { } due && due - time.GetUtcNow() is var untilDue && untilDue < wait)
            {
                wait = untilDue < TimeSpan.Zero ? TimeSpan.Zero : untilDue;
            }

            try
            {
                await _wake.WaitAsync(wait, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task SendAsync(OutboxMail mail, MailOptions settings, CancellationToken stoppingToken)
    {
        var server = settings.For(mail.OperatorId);
        var addressKey = MailAddressKey.Of(mail.To);
        var suppressed = server is null ? "no mail settings for this operator"
            : mail.To.Length == 0 ? "the address was erased"
            : addresses.IsOptedOut(mail.OperatorId, addressKey) ? "the customer asked for no e-mail"
            : null;
        if (suppressed is not null)
        {
            outbox.MarkFinal(mail.Id, OutboxStates.Suppressed, suppressed);
            LogSuppressed(logger, mail.Kind, mail.TicketReference, suppressed);
            return;
        }

        MailSendResult result;
        try
        {
            // Resolved here, not in the constructor: the composer needs the templates, which need the kernel.
            var message = await services.GetRequiredService<MailComposer>().ComposeAsync(mail, server!, stoppingToken);
            result = await transport.SendAsync(server!, message, settings.Timeout, stoppingToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            result = new("retry", $"the mail could not be written: {MailText.WithoutAddresses(ex.Message)}");
        }

        var now = time.GetUtcNow();
        switch (result.Outcome)
        {
            case "sent":
                outbox.MarkSent(mail.Id, now);
                LogSent(logger, mail.Kind, mail.TicketReference, mail.Attempts, mail.ConversationId);
                break;
            case "refused":
                addresses.MarkRefused(mail.OperatorId, addressKey, mail.UserId, mail.TicketReference, result.Reason ?? "refused", now);
                outbox.MarkFinal(mail.Id, OutboxStates.Failed, $"address refused: {result.Reason}");
                LogRefused(logger, mail.Kind, mail.TicketReference, result.Reason);
                break;
            case "rejected":
                outbox.MarkFinal(mail.Id, OutboxStates.Failed, $"rejected: {result.Reason}");
                LogGaveUp(logger, mail.Kind, mail.TicketReference, mail.Attempts, result.Reason);
                break;
            case var _ when mail.Attempts >= settings.MaxAttempts:
                outbox.MarkFinal(mail.Id, OutboxStates.Failed, $"gave up after {mail.Attempts} attempts: {result.Reason}");
                LogGaveUp(logger, mail.Kind, mail.TicketReference, mail.Attempts, result.Reason);
                break;
            default:
                var delay = Backoff(settings, mail.Attempts);
                outbox.MarkRetry(mail.Id, result.Reason ?? "unknown error", now + delay);
                LogRetry(logger, mail.Kind, mail.TicketReference, mail.Attempts, delay, result.Reason);
                break;
        }
    }

    /// <summary>The wait after attempt <paramref name="attempts"/>: the first delay, doubled after each further failure, capped.</summary>
    public static TimeSpan Backoff(MailOptions settings, int attempts)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var factor = Math.Pow(2, Math.Clamp(attempts - 1, 0, 30));
        var delay = TimeSpan.FromMilliseconds(settings.RetryDelay.TotalMilliseconds * factor);
        return delay < settings.MaxRetryDelay ? delay : settings.MaxRetryDelay;
    }

    public override void Dispose()
    {
        _wake.Dispose();
        base.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Mail {MailKind} for ticket {TicketReference} sent (attempt {Attempt}, conversation {ConversationId})")]
    private static partial void LogSent(ILogger logger, string mailKind, string? ticketReference, int attempt, string conversationId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Mail {MailKind} for ticket {TicketReference}: attempt {Attempt} failed, next in {Delay} ({Reason})")]
    private static partial void LogRetry(ILogger logger, string mailKind, string? ticketReference, int attempt, TimeSpan delay, string? reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Mail {MailKind} for ticket {TicketReference}: the server refused the address ({Reason}); marked on the ticket")]
    private static partial void LogRefused(ILogger logger, string mailKind, string? ticketReference, string? reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Mail {MailKind} for ticket {TicketReference} failed for good after {Attempts} attempts ({Reason})")]
    private static partial void LogGaveUp(ILogger logger, string mailKind, string? ticketReference, int attempts, string? reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Mail {MailKind} for ticket {TicketReference} not sent: {Reason}")]
    private static partial void LogSuppressed(ILogger logger, string mailKind, string? ticketReference, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "The mail sender failed on a mail for ticket {TicketReference}; it is tried again when its lease ends")]
    private static partial void LogLoopFailed(ILogger logger, Exception exception, string? ticketReference);
}
