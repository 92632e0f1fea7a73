using Assistant.Moderation.Data;
using Assistant.Moderation.Serving;
using Assistant.Moderation.Rules;
using Assistant.Moderation.Thresholds;
using Assistant.Moderation.Training;

namespace Assistant.Moderation.Analysis;

/// <summary>
/// Models plus rules plus thresholds for one message. Shared by the served analyzer and the evaluation,
/// so the numbers reported are those of what is served.
/// </summary>
public static class ModelSetAnalysis
{
    public const string DecidedByModel = "model";
    public const string DecidedByDefault = "default";

    /// <summary>The model decided on a message that asks for a person: it can refuse it, never count a strike for it.</summary>
    public const string DecidedByModelAskingPerson = "model:asks-person";

    /// <summary>The model decided on a message that reports harm suffered or a security problem: no strike on its score alone.</summary>
    public const string DecidedByModelReportingHarm = "model:reports-harm";

    /// <summary>
    /// Urgent is given when the priority model's urgent probability reaches this, even if another priority scores
    /// higher: missing an urgent ticket costs far more than over-ranking one. Chosen with <c>tune --thresholds</c> on the
    /// validation slice of the training split: the highest urgent recall at the best priority accuracy (there: urgent
    /// recall 0.856 → 0.913, accuracy 0.780 → 0.783; lower cut-offs gained recall only by losing accuracy).
    /// </summary>
    public const float UrgentScore = 0.30f;

    public static MessageAnalysis Analyze(ModelSet set, ModerationThresholds thresholds, string text)
    {
        ArgumentNullException.ThrowIfNull(set);
        ArgumentNullException.ThrowIfNull(thresholds);
        var modelText = TextNormalizer.ForModel(text);
        var matchingText = TextNormalizer.ForMatching(modelText);
        return new MessageAnalysis(Moderate(set, thresholds, modelText, matchingText), Triage(set, modelText, matchingText), set.Version);
    }

    /// <summary>Moderation only: the moderation model, the rules and the thresholds (the triage models are not run).</summary>
    public static ModerationVerdict Moderate(ModelSet set, ModerationThresholds thresholds, string text)
    {
        ArgumentNullException.ThrowIfNull(set);
        ArgumentNullException.ThrowIfNull(thresholds);
        var modelText = TextNormalizer.ForModel(text);
        return Moderate(set, thresholds, modelText, TextNormalizer.ForMatching(modelText));
    }

    /// <summary>Triage only: the urgent rules and the priority, category and product models (the moderation model is not run).</summary>
    public static Triage Triage(ModelSet set, string text)
    {
        ArgumentNullException.ThrowIfNull(set);
        var modelText = TextNormalizer.ForModel(text);
        return Triage(set, modelText, TextNormalizer.ForMatching(modelText));
    }

    private static ModerationVerdict Moderate(ModelSet set, ModerationThresholds thresholds, string modelText, string matchingText)
    {
        var moderation = set.Moderation.Predict(modelText);
        var scores = new ModerationScores(moderation.ScoreOf(Labels.Abusive), moderation.ScoreOf(Labels.Offtopic));
        return Moderate(matchingText, scores, thresholds);
    }

    private static Triage Triage(ModelSet set, string modelText, string matchingText)
    {
        var urgentRule = TriageRules.MatchUrgent(matchingText);
        var priority = set.Get(ModelKinds.Priority)?.Predict(modelText);
        var category = set.Get(ModelKinds.Category)?.Predict(modelText);
        var product = set.Get(ModelKinds.Product)?.Predict(modelText);
        return new Triage(
            PriorityFrom(priority, urgentRule, UrgentScore),
            category?.Label ?? "question",
            product?.Label ?? "other",
            urgentRule ?? (priority is null ? DecidedByDefault : DecidedByModel),
            category?.Probability ?? 0f,
            product?.Probability ?? 0f);
    }

    /// <summary>An urgent rule decides; otherwise urgent from <paramref name="urgentScore"/>, otherwise the model's most likely priority.</summary>
    public static string PriorityFrom(ClassPrediction? prediction, string? urgentRule, float urgentScore) =>
        urgentRule is not null ? Labels.Urgent
        : prediction is null ? "normal"
        : prediction.Classes.Contains(Labels.Urgent) && prediction.ScoreOf(Labels.Urgent) >= urgentScore ? Labels.Urgent
        : prediction.Label;

    /// <summary>
    /// In order: a structured answer (phone, e-mail, one of the dialog's choices) is ok; an abusive rule decides; a turn
    /// made only of conversational phrases (thanks, a request for a person, yes/no...) is ok; otherwise the models and
    /// the thresholds.
    /// </summary>
    public static ModerationVerdict Moderate(string matchingText, ModerationScores scores, ModerationThresholds thresholds)
    {
        if (ModerationRules.IsPlainAnswer(matchingText))
        {
            return new ModerationVerdict(Labels.Ok, scores, ModerationActions.Allow, ModerationRules.PlainAnswer);
        }

        var rule = ModerationRules.Match(matchingText);
        if (rule is null && ConversationalIntents.Match(matchingText) is { } intent)
        {
            return new ModerationVerdict(Labels.Ok, scores, ModerationActions.Allow, intent);
        }

        // A customer who asks for a person is often at the end of their patience: only a rule (a threat, hate, fraud) can
        // count a strike against such a message, never the model's score alone.
        if (rule is null && ConversationalIntents.AsksForPerson(matchingText))
        {
            return Decide(scores, null, thresholds, modelMayStrike: false) with { DecidedBy = DecidedByModelAskingPerson };
        }

        // A victim reporting what was done to them (an insult quoted, a hacked account, a phishing mail) writes the words
        // the model flags: the score alone never counts a strike against them; a rule still does.
        var verdict = Decide(scores, rule, thresholds);
        if (rule is null && verdict.Strike && TargetCues.ReportsHarmSuffered(matchingText))
        {
            return Decide(scores, null, thresholds, modelMayStrike: false) with { DecidedBy = DecidedByModelReportingHarm };
        }

        return verdict;
    }

    /// <summary>
    /// The decision a recorded verdict would get under other thresholds. Only what the thresholds decide can move: a
    /// message let through as a structured answer, a conversational turn or a dialog answer stays let through, and an
    /// abusive rule stays abusive (its action follows the abusive policy).
    /// </summary>
    public static ModerationVerdict Replay(ModerationScores scores, string decidedBy, ModerationThresholds thresholds)
    {
        ArgumentNullException.ThrowIfNull(decidedBy);
        if (ModerationRules.IsAbusiveRule(decidedBy))
        {
            return Decide(scores, decidedBy, thresholds);
        }

        return decidedBy switch
        {
            DecidedByModel => Decide(scores, null, thresholds),
            DecidedByModelAskingPerson or DecidedByModelReportingHarm => Decide(scores, null, thresholds, modelMayStrike: false) with { DecidedBy = decidedBy },
            _ => new ModerationVerdict(Labels.Ok, scores, ModerationActions.Allow, decidedBy),
        };
    }

    /// <summary>
    /// A rule decides with a strike. Otherwise a model score from the abusive threshold is abusive; under the strike
    /// threshold (or when <paramref name="modelMayStrike"/> is false) a refusal becomes a polite request to rephrase and
    /// counts against no one.
    /// </summary>
    public static ModerationVerdict Decide(ModerationScores scores, string? rule, ModerationThresholds thresholds, bool modelMayStrike = true)
    {
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(thresholds);
        var abusive = thresholds.Abusive;
        if (rule is not null)
        {
            return new ModerationVerdict(Labels.Abusive, scores, abusive.Action, rule, Strike: abusive.Action != ModerationActions.Allow);
        }

        if (scores.Abusive >= abusive.Threshold)
        {
            var sure = modelMayStrike && scores.Abusive >= thresholds.Strike;
            var action = sure || abusive.Action != ModerationActions.Refuse ? abusive.Action : ModerationActions.Rephrase;
            return new ModerationVerdict(Labels.Abusive, scores, action, DecidedByModel, Strike: sure && abusive.Action != ModerationActions.Allow);
        }

        return scores.Offtopic >= thresholds.Offtopic.Threshold
            ? new ModerationVerdict(Labels.Offtopic, scores, thresholds.Offtopic.Action, DecidedByModel)
            : new ModerationVerdict(Labels.Ok, scores, ModerationActions.Allow, DecidedByModel);
    }
}
