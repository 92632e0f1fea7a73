using Assistant.Ticketing.Mail;
using Assistant.Ticketing.Tickets;

namespace Assistant.Bot.Mail;

/// <summary>What the agent's ticket view says about the requester's address: refused by the mail server (with its answer), or opted out.</summary>
/// <param name="Enabled">The operator has mail settings: the customer is written to.</param>
public sealed record TicketMailStatus(bool Enabled, bool AddressRefused, string? RefusedReason, DateTimeOffset? RefusedAt, bool CustomerAsked, bool OptedOut)
{
    /// <summary>Null when the ticket has no address.</summary>
    public static TicketMailStatus? Of(Ticket ticket, IMailAddressBook addresses, MailOptions options)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        ArgumentNullException.ThrowIfNull(addresses);
        if (string.IsNullOrWhiteSpace(ticket.Requester.Email))
        {
            return null;
        }

        var key = MailAddressKey.Of(ticket.Requester.Email);
        var refused = addresses.Refused(ticket.OperatorId, key);
        return new(options.For(ticket.OperatorId) is not null, refused is not null, refused?.Reason, refused?.At, refused?.AskedAt is not null, addresses.IsOptedOut(ticket.OperatorId, key));
    }
}
