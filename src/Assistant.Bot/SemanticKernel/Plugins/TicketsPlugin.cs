using System.ComponentModel;
using Assistant.Bot.Intake;
using Microsoft.SemanticKernel;

namespace Assistant.Bot.SemanticKernel.Plugins;

/// <summary>
/// The model's view of tickets: only the tickets of the user of this turn. The plugin is built for one turn
/// and bound to that user, so no argument the model passes can reach another user's data.
/// </summary>
public sealed class TicketsPlugin(IntakeTicketing ticketing, string operatorId, string userId)
{
    [KernelFunction("list_my_tickets")]
    [Description("Lists the current user's own tickets: reference, status and title, newest first.")]
    public string ListMyTickets()
    {
        var mine = ticketing.ListMine(operatorId, userId);
        return mine.Count == 0
            ? "The user has no ticket."
            : string.Join("\n", mine.Select(t => $"{t.Reference} | {t.Status} | {PlainText.OneLine(t.Title)}"));
    }

    [KernelFunction("get_ticket_status")]
    [Description("Gets the status of one of the current user's tickets by its reference (e.g. DGS-2026-000123).")]
    public string GetTicketStatus([Description("The ticket reference the user wrote")] string reference)
    {
        var ticket = ticketing.FindMine(operatorId, userId, reference.Trim());
        // The same answer for an unknown reference and for someone else's ticket.
        return ticket is null
            ? $"No ticket {reference} for this user."
            : $"{ticket.Reference} | {ticket.Status} | {ticket.Category} | {ticket.Product} | {PlainText.OneLine(ticket.Title)}";
    }
}
