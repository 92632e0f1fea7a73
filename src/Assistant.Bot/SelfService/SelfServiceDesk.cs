using System.Text.RegularExpressions;
using Assistant.Bot.Intake;
using Assistant.Knowledge.Articles;
using Assistant.Knowledge.Retrieval;
using Microsoft.Extensions.Options;

namespace Assistant.Bot.SelfService;

/// <summary>
/// What the intake dialog asks of the knowledge base: may this problem be answered with articles, which ones, and
/// recording what the user said of them. The texts are the dialog's (templates); this class decides and records.
/// </summary>
public sealed partial class SelfServiceDesk(
    KnowledgeBase knowledge,
    SelfServiceLog log,
    IOptions<SelfServiceOptions> options,
    TimeProvider time,
    ILogger<SelfServiceDesk> logger)
{
    public bool Enabled => options.Value.Enabled;

    public KnowledgeBase Knowledge => knowledge;

    /// <summary>True when one article answers the text with confidence (the decision <see cref="RetrievalDecision.Answer"/>).</summary>
    public bool Answers(string operatorId, string language, string text) =>
        Enabled && knowledge.Search(operatorId, language, text).Decision == RetrievalDecision.Answer;

    /// <summary>
    /// Answers are never put between the user and what they asked for: a request for a person never reaches here (the
    /// dialog hands off first); an urgent problem, a quarantined or off-topic message, or a verified contract customer who
    /// asks for a ticket goes straight on. Articles are offered once per problem.
    /// </summary>
    public bool MayAnswer(TicketDraft draft, UserMessage message) =>
        Enabled
        && !draft.SelfServiceTried
        && draft.Description is not null
        && !draft.Quarantine && !message.Quarantine && !message.OffTopic && !message.AsksForPerson
        && draft.Priority != "urgent"
        && !(draft.CustomerVerified && draft.ContractTier is "standard" or "premium" && AsksForTicket(message.Text));

    /// <summary>The articles for the problem as described so far; null when nothing is close enough (recorded for the admins).</summary>
    public async Task<SelfServiceOutcome?> FindAsync(IntakeState state, string description)
    {
        state.Draft.SelfServiceTried = true;
        var retrieval = knowledge.Search(state.OperatorId, state.Language, description);
        var outcome = new SelfServiceOutcome
        {
            Id = Guid.NewGuid().ToString("N"),
            OperatorId = state.OperatorId,
            ConversationId = state.Id,
            UserId = state.UserId,
            Language = state.Language,
            Confidence = retrieval.Confidence,
            OfferedAt = time.GetUtcNow(),
            Articles = [.. retrieval.Matches.Select(m => m.Article.Id)],
        };
        if (retrieval.Decision == RetrievalDecision.Nothing)
        {
            // Kept for the admins' "questions that found nothing": the words of the question, erased with the user's data.
            outcome.Decision = SelfServiceDecisions.Nothing;
            outcome.Question = description.Length > 500 ? description[..500] : description;
            outcome.Result = SelfServiceResults.NotOffered;
            await log.RecordAsync(outcome);
            logger.LogInformation("No help article for conversation {ConversationId} (best confidence {Confidence:0.00})", state.Id, retrieval.Confidence);
            return null;
        }
        outcome.Decision = retrieval.Decision == RetrievalDecision.Answer ? SelfServiceDecisions.Answer : SelfServiceDecisions.Offer;
        await log.RecordAsync(outcome);
        state.Draft.SelfServiceOutcome = outcome.Id;
        state.Draft.OfferedArticles = outcome.Articles;
        logger.LogInformation("Help articles {Articles} offered in conversation {ConversationId} ({Decision}, confidence {Confidence:0.00})",
            outcome.Articles, state.Id, outcome.Decision, outcome.Confidence);
        return outcome;
    }

    /// <summary>The model read the articles and says they do not answer the question: nothing is shown after all.</summary>
    public async Task WithdrawAsync(IntakeState state, string description)
    {
        var draft = state.Draft;
        if (draft.SelfServiceOutcome is { } id && log.Find(id) is { } outcome)
        {
            outcome.Decision = SelfServiceDecisions.Nothing;
            outcome.Result = SelfServiceResults.NotOffered;
            outcome.Question = description.Length > 500 ? description[..500] : description;
            await log.RecordAsync(outcome);
            logger.LogInformation("Help articles {Articles} withdrawn in conversation {ConversationId}: the model says they do not cover the question", outcome.Articles, state.Id);
        }
        draft.SelfServiceOutcome = null;
        draft.OfferedArticles = [];
    }

    /// <summary>The articles behind ids, in the conversation's language (an article removed meanwhile is skipped).</summary>
    public IReadOnlyList<Article> Articles(IEnumerable<string> ids, string language) =>
        [.. ids.Select(id => id.Split('/', 2)).Where(p => p.Length == 2).Select(p => knowledge.Find(p[0], p[1], language)).OfType<Article>()];

    /// <summary>"Oui": the request is closed with no ticket.</summary>
    public Task ConfirmAsync(IntakeState state) => AnswerAsync(state, SelfServiceResults.Confirmed);

    /// <summary>"Non" (or the user went on describing): the articles are noted on the ticket that follows.</summary>
    public Task NotHelpedAsync(IntakeState state)
    {
        var draft = state.Draft;
        draft.ArticlesNotHelpful = [.. Articles(draft.OfferedArticles, state.Language).Select(a => $"{a.Title} ({a.Id}, {a.Link})")];
        return AnswerAsync(state, SelfServiceResults.NotHelped);
    }

    private async Task AnswerAsync(IntakeState state, string result)
    {
        var draft = state.Draft;
        if (draft.SelfServiceOutcome is { } id && log.Find(id) is { } outcome)
        {
            outcome.Result = result;
            outcome.AnsweredAt = time.GetUtcNow();
            await log.RecordAsync(outcome);
            logger.LogInformation("Help articles {Articles} in conversation {ConversationId}: {Result}", outcome.Articles, state.Id, result);
        }
        draft.SelfServiceOutcome = null;
        draft.OfferedArticles = [];
    }

    private static bool AsksForTicket(string text) => TicketRequestPattern().IsMatch(EntityExtractor.Fold(text));

    [GeneratedRegex(@"\b(?:ouvr\w*|cre\w*|fai\w*|depos\w*|open\w*|file|raise|log)\b(?:\W+\w+){0,3}?\W+(?:ticket|demande|request|case)\b")]
    private static partial Regex TicketRequestPattern();
}
