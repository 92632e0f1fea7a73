namespace Assistant.Moderation.Serving;

/// <summary>
/// Written beside each model set (<c>manifest.json</c>): what it was trained on, when, how it scored on the
/// held-out split, and whether it passed the promotion gate.
/// </summary>
/// <param name="DataHash">SHA-256 (first 16 hex digits) of every labelled row, held-out ones included.</param>
/// <param name="TrainingRows">Per model, rows per label of the training split.</param>
/// <param name="Metrics">Held-out summary, e.g. <c>moderation.macroF1</c>, <c>abusive.recall</c>, <c>priority.accuracy</c>.</param>
public sealed record ModelManifest(
    string Version,
    DateTimeOffset TrainedAt,
    string DataHash,
    string Pipeline,
    IReadOnlyList<string> Sources,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, int>> TrainingRows,
    int HeldOutRows,
    IReadOnlyList<string> Models,
    double TrainingSeconds,
    IReadOnlyDictionary<string, double> Metrics,
    GateResult Gate);

/// <summary>The promotion gate's verdict; a set is promoted only when <see cref="Passed"/>.</summary>
public sealed record GateResult(bool Passed, IReadOnlyList<string> Failures, IReadOnlyDictionary<string, double> Minimums);
