using System.Text.RegularExpressions;
using Assistant.Bot.Admin.Audit;
using Assistant.Bot.Intake;
using Assistant.Bot.SemanticKernel;
using Assistant.Ticketing.Mail;
using Assistant.Ticketing.Operators;
using Assistant.Ticketing.Tickets;
using Microsoft.Extensions.Options;

namespace Assistant.Bot.Mail;

/// <summary>
/// The chat side of e-mail: "pas d'e-mail" / "no email" opts the customer's addresses out for this operator (audited);
/// after an address was refused by the mail server, the customer's next message is answered as usual and followed by a
/// question for another address, whose answer replaces the address on the ticket.
/// </summary>
public sealed partial class MailDesk(
    IMailAddressBook addresses,
    ITicketService tickets,
    IntakeStateStore states,
    ReplyTemplates replies,
    IOperatorCatalog operators,
    AuditLog audit,
    IOptions<MailOptions> options,
    TimeProvider time,
    ILogger<MailDesk> logger)
{
    /// <summary>How long the question for another address waits for its answer.</summary>
    public static readonly TimeSpan AnswerWindow = TimeSpan.FromDays(1);

    /// <summary>"pas d'e-mail", "plus de mails svp", "no email", "stop emails", "unsubscribe".</summary>
    public static bool IsNoEmail(string text) => NoEmailPattern().IsMatch(EntityExtractor.Fold(text).Trim());

    /// <summary>The replies when the message was about e-mail, or null for the dialog to go on.</summary>
    public async Task<IReadOnlyList<Reply>?> TryAnswerAsync(IntakeState state, string text, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (IsNoEmail(text))
        {
            OptOut(state, "chat");
            return [new Reply(await RenderAsync("MailOptedOut", state, null, cancellationToken))];
        }

        // Every message passes here: only a bare address, with mail on, costs a look in the address book.
        var answer = text.Trim();
        if (!answer.Contains('@', StringComparison.Ordinal) || answer.Contains(' ', StringComparison.Ordinal) || options.Value.For(state.OperatorId) is null
            || AskedRefusal(state) is not { } refusal || EntityExtractor.Extract(answer).Email is not { } email)
        {
            return null;
        }

        // The answer to "which address can we write to?": every open ticket of the customer gets it, and the contact
        // remembered for the next ticket too.
        var mine = tickets.Query(new TicketQuery(OperatorId: state.OperatorId, RequesterUserId: state.UserId, Limit: 100));
        foreach (var ticket in mine.Where(t => t.Requester.Email is { } old && MailAddressKey.Of(old) == refusal.AddressKey))
        {
            tickets.Update(ticket.Reference, new TicketPatch(RequesterEmail: email), new Actor("requester", state.UserId, ticket.Requester.Name));
        }

        if (states.LatestContact(state.OperatorId, state.UserId) is { } contact && contact.Email is { } remembered && MailAddressKey.Of(remembered) == refusal.AddressKey)
        {
            await states.RememberContactAsync(state.OperatorId, state.UserId, new TicketDraft
            {
                Name = contact.Name,
                Email = email,
                Phone = contact.Phone,
                PhoneSkipped = contact.PhoneSkipped,
                CustomerNumber = contact.CustomerNumber,
                NotCustomer = contact.NotCustomer,
            });
        }

        addresses.ForgetRefusal(state.OperatorId, refusal.AddressKey);
        LogAddressReplaced(logger, refusal.TicketReference);
        return [new Reply(await RenderAsync("MailAddressUpdated", state, new() { ["reference"] = refusal.TicketReference ?? "" }, cancellationToken))];
    }

    /// <summary>After the dialog answered, and when it waits for nothing else: the question for another address, once per refusal.</summary>
    public async Task<Reply?> AfterTurnAsync(IntakeState state, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.PendingSlot is not null || state.Stage != IntakeStage.Idle || options.Value.For(state.OperatorId) is null
            || addresses.UnaskedRefusals(state.OperatorId, state.UserId).FirstOrDefault() is not { } refusal)
        {
            return null;
        }

        addresses.MarkAsked(state.OperatorId, refusal.AddressKey, time.GetUtcNow());
        LogAsked(logger, refusal.TicketReference);
        return new Reply(await RenderAsync("MailAddressRefused", state, new() { ["reference"] = refusal.TicketReference ?? "" }, cancellationToken), Slots.Email);
    }

    /// <summary>Opts out every address the customer gave this operator (their tickets' and the remembered one).</summary>
    public int OptOut(IntakeState state, string source)
    {
        ArgumentNullException.ThrowIfNull(state);
        var known = tickets.Query(new TicketQuery(OperatorId: state.OperatorId, RequesterUserId: state.UserId, Limit: 500))
            .Select(t => t.Requester.Email)
            .Append(states.LatestContact(state.OperatorId, state.UserId)?.Email)
            .Append(state.Draft.Email)
            .OfType<string>()
            .Where(e => e.Length > 0)
            .Select(MailAddressKey.Of)
            .Distinct(StringComparer.Ordinal)
            .ToList();
        var now = time.GetUtcNow();
        foreach (var key in known)
        {
            addresses.OptOut(state.OperatorId, key, state.UserId, source, now);
        }

        audit.Record(AuditActors.System, "assistant", "mail.optout", state.UserId,
            $"the customer asked in the chat for no e-mail from {state.OperatorId}; {known.Count} address(es) opted out", state.OperatorId);
        LogOptedOut(logger, state.OperatorId, known.Count);
        return known.Count;
    }

    private RefusedAddress? AskedRefusal(IntakeState state)
    {
        var now = time.GetUtcNow();
        return addresses.AskedRefusals(state.OperatorId, state.UserId).FirstOrDefault(r => r.AskedAt is { } asked && now - asked < AnswerWindow);
    }

    private Task<string> RenderAsync(string key, IntakeState state, Dictionary<string, string?>? values, CancellationToken cancellationToken)
    {
        values ??= [];
        values["operator"] = PlainText.OneLine(operators.Find(state.OperatorId)?.Name ?? state.OperatorId);
        return replies.RenderAsync(key, state.Language, values, cancellationToken);
    }

    [GeneratedRegex(@"^(?:(?:je (?:ne )?(?:veux|souhaite) )?(?:pas|plus|aucun|stop)\s*(?:d['’]\s*|de\s+|des\s+)?(?:e-?mails?|courriels?|mails?)|(?:no|stop|no more)\s+(?:e-?mails?|mails?)|(?:me )?desabonner|desinscri(?:re|ption)|unsubscribe)(?:\s*(?:svp|merci|please|thanks))?[\s.!]*$")]
    private static partial Regex NoEmailPattern();

    [LoggerMessage(Level = LogLevel.Information, Message = "Customer opted out of e-mail from {OperatorId} in the chat ({Count} addresses)")]
    private static partial void LogOptedOut(ILogger logger, string operatorId, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Asked the customer for another address after a refusal (ticket {TicketReference})")]
    private static partial void LogAsked(ILogger logger, string? ticketReference);

    [LoggerMessage(Level = LogLevel.Information, Message = "The customer gave another address after a refusal (ticket {TicketReference})")]
    private static partial void LogAddressReplaced(ILogger logger, string? ticketReference);
}
