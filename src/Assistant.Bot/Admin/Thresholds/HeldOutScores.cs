using Assistant.Moderation;
using Assistant.Moderation.Data;
using Assistant.Moderation.Analysis;
using Assistant.Moderation.Serving;
using Assistant.Moderation.Thresholds;
using Microsoft.Extensions.Options;

namespace Assistant.Bot.Admin.Thresholds;

/// <summary>A held-out row as the service decides it: its true label, the model's scores and what decided (model, a rule, an intent).</summary>
public sealed record ScoredRow(string Label, float Abusive, float Offtopic, string DecidedBy);

/// <summary>
/// The held-out split of the training data scored once per served model version, so that a threshold preview
/// only re-applies thresholds to cached scores. Never trained on: it is the evaluation's test side.
/// </summary>
public sealed partial class HeldOutScores(ModelProvider models, IOptions<ModerationOptions> options, ILogger<HeldOutScores> logger)
{
    private readonly Lock _gate = new();
    private (string Version, IReadOnlyList<ScoredRow> Rows)? _cache;

    public (string ModelVersion, IReadOnlyList<ScoredRow> Rows) Get()
    {
        var set = models.Current;
        lock (_gate)
        {
            if (_cache is { } cached && cached.Version == set.Version)
            {
                return cached;
            }

            var data = TrainingDataLoader.Load(options.Value.ResolveTrainingDataDirectory());
            var (_, heldOut) = HeldOutSplit.Split(data.Rows);
            // The very moderation the service and the evaluation run, so the preview counts what they count (the triage
            // models, which a threshold never moves, are not run).
            var rows = heldOut.Select(row =>
            {
                var verdict = ModelSetAnalysis.Moderate(set, ModerationThresholds.Defaults, row.Text);
                return new ScoredRow(row.Moderation, verdict.Scores.Abusive, verdict.Scores.Offtopic, verdict.DecidedBy);
            }).ToList();
            _cache = (set.Version, rows);
            LogScored(logger, rows.Count, set.Version);
            return (set.Version, rows);
        }
    }

    [LoggerMessage(EventId = 7201, Level = LogLevel.Information, Message = "Scored {Rows} held-out rows with model set {ModelVersion} for threshold previews")]
    private static partial void LogScored(ILogger logger, int rows, string modelVersion);
}
