using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace Assistant.Bot.Mail;

/// <summary>How one SMTP conversation ended.</summary>
/// <param name="Outcome"><c>sent</c>; <c>refused</c> (the server refused the recipient with a 5xx: the address is bad);
/// <c>rejected</c> (another 5xx, e.g. the message itself: trying again would not help); <c>retry</c> (anything that may pass later:
/// no connection, a 4xx, a timeout, a TLS or login failure an admin can fix).</param>
/// <param name="Reason">The server's answer or the error, for the outbox view; never the address.</param>
public sealed record MailSendResult(string Outcome, string? Reason)
{
    public static readonly MailSendResult Sent = new("sent", null);
}

public interface IMailTransport
{
    Task<MailSendResult> SendAsync(MailServerOptions server, MimeMessage message, TimeSpan timeout, CancellationToken cancellationToken);
}

/// <summary>
/// MailKit's SMTP client, one connection per mail (a support desk sends few; no pool to go stale). A cancellation (the
/// service stopping) can only cut an attempt before the server accepted the message; once it has, the result is sent.
/// </summary>
public sealed class SmtpMailTransport : IMailTransport
{
    public async Task<MailSendResult> SendAsync(MailServerOptions server, MimeMessage message, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(server);
        using var client = new SmtpClient { Timeout = (int)timeout.TotalMilliseconds };
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        try
        {
            var security = !server.UseTlsOrDefault ? SecureSocketOptions.None
                : server.PortOrDefault == 465 ? SecureSocketOptions.SslOnConnect
                : SecureSocketOptions.StartTls;
            await client.ConnectAsync(server.Host ?? "", server.PortOrDefault, security, limit.Token);
            if (!string.IsNullOrEmpty(server.User))
            {
                await client.AuthenticateAsync(server.User, server.Password ?? "", limit.Token);
            }

            await client.SendAsync(message, limit.Token);
        }
        catch (SmtpCommandException ex) when (ex.ErrorCode == SmtpErrorCode.RecipientNotAccepted && (int)ex.StatusCode >= 500)
        {
            return new("refused", Answer(ex));
        }
        catch (SmtpCommandException ex) when ((int)ex.StatusCode >= 500 && ex.ErrorCode is SmtpErrorCode.MessageNotAccepted or SmtpErrorCode.SenderNotAccepted)
        {
            return new("rejected", Answer(ex));
        }
        catch (SmtpCommandException ex)
        {
            return new("retry", Answer(ex));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new("retry", $"no answer within {timeout.TotalSeconds:0} s");
        }
        catch (Exception ex) when (ex is SocketException or IOException or SmtpProtocolException or AuthenticationException or SslHandshakeException or ServiceNotConnectedException or TimeoutException)
        {
            return new("retry", $"{ex.GetType().Name}: {FirstLine(ex.Message)}");
        }

        // The server has accepted the message: whatever happens to the goodbye, it is sent.
        try
        {
            await client.DisconnectAsync(quit: true, CancellationToken.None);
        }
        catch (Exception ex) when (ex is IOException or SocketException or SmtpProtocolException or SmtpCommandException or TimeoutException)
        {
            // The connection closes with the client.
        }

        return MailSendResult.Sent;
    }

    // The server's text can quote the address ("<x@y>: user unknown"): keep the code and the enhanced status, drop the rest's addresses.
    private static string Answer(SmtpCommandException ex) =>
        $"{(int)ex.StatusCode} {MailText.WithoutAddresses(FirstLine(ex.Message))}";

    private static string FirstLine(string text) => text.Split('\n')[0].Trim();
}
