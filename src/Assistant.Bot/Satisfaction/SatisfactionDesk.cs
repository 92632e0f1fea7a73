using System.Globalization;
using Assistant.Bot.Intake;
using Assistant.Bot.SemanticKernel;
using Assistant.Ticketing.Tickets;

namespace Assistant.Bot.Satisfaction;

/// <summary>
/// The requester's answers to the satisfaction question asked when a ticket is resolved: a rating button stores the
/// score on the ticket and offers a comment; the next message (within <see cref="CommentWindow"/>) is that comment,
/// unless it is a button, a command or a request for a person, which the dialog handles as usual.
/// </summary>
public sealed partial class SatisfactionDesk(ITicketService tickets, ReplyTemplates replies, TimeProvider time, ILogger<SatisfactionDesk> logger)
{
    public static readonly TimeSpan CommentWindow = TimeSpan.FromHours(1);

    /// <summary>The replies when the message answered the satisfaction question, or null for the dialog to go on.</summary>
    public async Task<IReadOnlyList<Reply>?> TryAnswerAsync(IntakeState state, string conversationId, string text, bool asksForPerson, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (SatisfactionAnswers.TryParseRating(text, out var reference, out var score))
        {
            return await RateAsync(state, conversationId, reference, score, cancellationToken);
        }

        if (state.SatisfactionPending is not { } pending)
        {
            return null;
        }

        var now = time.GetUtcNow();
        var expired = state.SatisfactionAskedAt is not { } asked || now - asked > CommentWindow;
        state.SatisfactionPending = null;
        state.SatisfactionAskedAt = null;
        if (SatisfactionAnswers.IsNoComment(text))
        {
            return [new Reply(await replies.RenderAsync("SatisfactionNoComment", state.Language, null, cancellationToken))];
        }

        if (expired || asksForPerson || Choices.IsButtonValue(text) || Commands.IsExactCommand(text))
        {
            return null;
        }

        try
        {
            tickets.Rate(pending, null, text, new Actor("requester", state.UserId));
        }
        catch (Exception ex) when (ex is TicketNotFoundException or InvalidTicketValueException)
        {
            // Reopened or erased since: the message is not a comment any more, the dialog takes it.
            return null;
        }

        LogCommented(logger, pending, conversationId);
        return [new Reply(await replies.RenderAsync("SatisfactionCommentThanks", state.Language, new Dictionary<string, string?> { ["reference"] = pending }, cancellationToken))];
    }

    private async Task<IReadOnlyList<Reply>> RateAsync(IntakeState state, string conversationId, string reference, int score, CancellationToken cancellationToken)
    {
        var ticket = tickets.Find(reference);
        var own = ticket is not null && (ticket.ConversationId == conversationId || ticket.Requester.UserId == state.UserId);
        try
        {
            if (!own)
            {
                throw new TicketNotFoundException(reference);
            }

            tickets.Rate(reference, score, null, new Actor("requester", state.UserId));
        }
        catch (Exception ex) when (ex is TicketNotFoundException or InvalidTicketValueException)
        {
            return [new Reply(await replies.RenderAsync("SatisfactionNotRated", state.Language, new Dictionary<string, string?> { ["reference"] = reference }, cancellationToken))];
        }

        state.SatisfactionPending = reference;
        state.SatisfactionAskedAt = time.GetUtcNow();
        LogRated(logger, reference, score, conversationId);
        var values = new Dictionary<string, string?> { ["reference"] = reference, ["score"] = score.ToString(CultureInfo.InvariantCulture) };
        return [new Reply(await replies.RenderAsync("SatisfactionThanks", state.Language, values, cancellationToken), Choices: SatisfactionAnswers.NoComment(state.Language))];
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Ticket {TicketReference} rated {Score}/5 in conversation {ConversationId}")]
    private static partial void LogRated(ILogger logger, string ticketReference, int score, string conversationId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Ticket {TicketReference} got a satisfaction comment in conversation {ConversationId}")]
    private static partial void LogCommented(ILogger logger, string ticketReference, string conversationId);
}
