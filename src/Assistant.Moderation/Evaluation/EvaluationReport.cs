namespace Assistant.Moderation.Evaluation;

/// <summary>
/// Held-out results of one model set, as served (models + rules + default thresholds), plus the outside
/// evaluation sets (HateCheck FR, CLINC150 oos_test) when the shared data folder is there.
/// </summary>
/// <param name="ModerationProjectRows">Moderation on the project's own French rows only (public tweets and English sets left out).</param>
/// <param name="PriorityModelOnly">Priority without the urgent rules, to show what the rules add.</param>
public sealed record EvaluationReport(
    string Version,
    DateTimeOffset EvaluatedAt,
    int HeldOutRows,
    ClassificationReport Moderation,
    ClassificationReport? ModerationProjectRows,
    ClassificationReport? Priority,
    ClassificationReport? PriorityModelOnly,
    ClassificationReport? Category,
    ClassificationReport? Product,
    IReadOnlyList<ThresholdRow> AbusiveThresholds,
    double OkFlaggedAbusive,
    IReadOnlyList<BinaryCheck> External,
    IReadOnlyDictionary<string, int> RuleHits,
    IReadOnlyDictionary<string, double> Summary)
{
    /// <summary>Moderation per source file (project files grouped as one), so the noisy public tweets can be told apart from the project's own rows.</summary>
    public IReadOnlyList<ClassificationReport> ModerationBySource { get; init; } = [];

    /// <summary>The realistic held-out set (whole and per file) and the blind outside sets, with their per-kind tables.</summary>
    public IReadOnlyList<MessageSetReport> Sets { get; init; } = [];
}
