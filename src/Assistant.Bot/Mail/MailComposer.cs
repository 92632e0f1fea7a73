using System.Security.Cryptography;
using System.Text;
using Assistant.Bot.SemanticKernel;
using Assistant.Ticketing.Mail;
using Assistant.Ticketing.Operators;
using MimeKit;

namespace Assistant.Bot.Mail;

/// <summary>
/// Renders an outbox mail from its template in <c>prompts/Replies/Mail…/{fr,en}.txt</c> (editable in the admin console like
/// the chat's replies): the first line is the subject, the rest the body. The links are signed at that moment.
/// </summary>
public sealed class MailComposer(ReplyTemplates templates, MailLinks links, IOperatorCatalog operators)
{
    public async Task<MimeMessage> ComposeAsync(OutboxMail mail, MailServerOptions server, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(mail);
        ArgumentNullException.ThrowIfNull(server);
        var unsubscribe = links.UnsubscribeUrl(mail.OperatorId, mail.UserId, MailAddressKey.Of(mail.To));
        var values = new Dictionary<string, string?>(mail.Values.ToDictionary(v => v.Key, v => (string?)v.Value), StringComparer.Ordinal)
        {
            ["operator"] = PlainText.OneLine(operators.Find(mail.OperatorId)?.Name ?? mail.OperatorId),
            ["link"] = links.ResumeUrl(mail.OperatorId, mail.UserId, mail.ConversationId),
            ["unsubscribe"] = unsubscribe,
        };
        var text = (await templates.RenderAsync(mail.Template, mail.Language, values, cancellationToken)).Replace("\r\n", "\n", StringComparison.Ordinal);
        var split = text.IndexOf('\n', StringComparison.Ordinal);
        var subject = (split < 0 ? text : text[..split]).Trim();
        var body = split < 0 ? "" : text[(split + 1)..].TrimStart('\n');

        var from = MailboxAddress.Parse(server.From!);
        var message = new MimeMessage();
        message.From.Add(from);
        message.To.Add(MailboxAddress.Parse(mail.To));
        message.Subject = subject;
        // The same event always carries the same Message-Id: a mail sent again after a cut-off attempt is recognisably the same.
        message.MessageId = $"{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(mail.Id)))[..32]}@{from.Domain}";
        message.Headers.Add("Auto-Submitted", "auto-generated");
        message.Headers.Add("List-Unsubscribe", $"<{unsubscribe}>");
        message.Headers.Add("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        message.Body = new TextPart(MimeKit.Text.TextFormat.Plain) { Text = body };
        return message;
    }
}
