namespace Assistant.Moderation.Analysis;

/// <param name="ModelVersion">The version of the promoted models that produced this analysis.</param>
public sealed record MessageAnalysis(ModerationVerdict Moderation, Triage Triage, string ModelVersion);

/// <param name="Label"><c>ok</c>, <c>abusive</c> or <c>offtopic</c>.</param>
/// <param name="Action">What the current thresholds say to do: <c>allow</c>, <c>warn</c>, <c>refuse</c>, <c>quarantine</c>, or
/// <c>rephrase</c> (abusive, but not surely enough to refuse with a strike).</param>
/// <param name="DecidedBy"><c>model</c>, <c>rule:&lt;name&gt;</c> or <c>intent:&lt;name&gt;</c>.</param>
/// <param name="Strike">The message counts against its author: a rule decided, or the abusive score reached the strike threshold.</param>
public sealed record ModerationVerdict(string Label, ModerationScores Scores, string Action, string DecidedBy, bool Strike = false);

/// <summary>Calibrated probabilities in [0, 1].</summary>
public sealed record ModerationScores(float Abusive, float Offtopic);

/// <param name="Priority"><c>low</c>, <c>normal</c>, <c>high</c> or <c>urgent</c>.</param>
/// <param name="Category"><c>incident</c>, <c>access</c>, <c>billing</c>, <c>order</c>, <c>complaint</c> or <c>question</c>.</param>
/// <param name="Product"><c>vroom</c>, <c>ibox</c>, <c>client-space</c> or <c>other</c>.</param>
/// <param name="PriorityDecidedBy"><c>model</c> or <c>rule:&lt;name&gt;</c> (e.g. rule:outage, rule:security).</param>
public sealed record Triage(
    string Priority,
    string Category,
    string Product,
    string PriorityDecidedBy,
    float CategoryConfidence,
    float ProductConfidence);
