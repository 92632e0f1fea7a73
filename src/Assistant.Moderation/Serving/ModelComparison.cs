namespace Assistant.Moderation.Serving;

/// <summary>
/// Written beside a model set retrained from the admin console (<c>comparison.json</c>): the model set served at
/// the time, evaluated on the same held-out rows as the new one, so the two sets of metrics compare like for like.
/// </summary>
/// <param name="BaselineVersion">The served version it is compared with, or null when none was served.</param>
/// <param name="BaselineMetrics">That version's metrics on <paramref name="HeldOutRows"/> rows, the new set's held-out split.</param>
/// <param name="RelabelsUsed">Relabelled messages the new set was trained with.</param>
/// <param name="RelabelsSkipped">Relabelled messages left out because their text is in the held-out split.</param>
/// <param name="RelabelsDecidedAsLabelled">
/// How many of the <paramref name="RelabelsUsed"/> messages the new set decides as relabelled (models, rules, default
/// thresholds): what it learned. Null in comparisons written before it was measured.
/// </param>
/// <param name="BaselineRelabelsDecidedAsLabelled">The same count for the served set: those it already got right.</param>
public sealed record ModelComparison(
    string? BaselineVersion,
    IReadOnlyDictionary<string, double> BaselineMetrics,
    int HeldOutRows,
    int RelabelsUsed,
    int RelabelsSkipped,
    string TrainedBy,
    string Reason,
    DateTimeOffset At,
    int? RelabelsDecidedAsLabelled = null,
    int? BaselineRelabelsDecidedAsLabelled = null);
