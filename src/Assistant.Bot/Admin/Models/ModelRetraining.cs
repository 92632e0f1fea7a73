using System.Globalization;
using System.Security.Claims;
using Assistant.Bot.Admin.Audit;
using Assistant.Bot.Auth;
using Assistant.Bot.Moderation;
using Assistant.Moderation;
using Assistant.Moderation.Evaluation;
using Assistant.Moderation.Serving;
using Assistant.Moderation.Training;
using Microsoft.Extensions.Options;

namespace Assistant.Bot.Admin.Models;

/// <param name="State"><c>idle</c>, <c>running</c>, <c>succeeded</c> or <c>failed</c>.</param>
/// <param name="Version">The new model set, once trained: saved, never promoted by the retraining itself.</param>
public sealed record RetrainingStatus(
    string State, string? StartedBy, string? Reason, int Relabels, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt, string? Version, string? Error)
{
    public static readonly RetrainingStatus Idle = new("idle", null, null, 0, null, null, null, null);

    public bool Running => State == "running";
}

/// <summary>
/// Retraining from the admin console, one at a time, in the background: the shipped data plus the relabelled
/// messages, evaluated on the shipped held-out split; the served set is then evaluated on the same rows and
/// written beside the new one (<c>comparison.json</c>) so the admin compares like for like before promoting or
/// discarding it. The served set keeps answering meanwhile (training takes about a minute on two cores).
/// </summary>
public sealed partial class ModelRetraining(
    ModelProvider models,
    Relabels relabels,
    AuditLog audit,
    IOptions<ModerationOptions> options,
    TimeProvider time,
    ILogger<ModelRetraining> logger)
{
    private readonly Lock _gate = new();
    private RetrainingStatus _status = RetrainingStatus.Idle;

    public RetrainingStatus Status
    {
        get
        {
            lock (_gate)
            {
                return _status;
            }
        }
    }

    /// <summary>Starts a retraining; returns false with the running one's status when one is already under way.</summary>
    public (RetrainingStatus Status, bool Started) Start(ClaimsPrincipal user, string reason)
    {
        var scope = user.Scope();
        var rows = relabels.TrainingRows();
        RetrainingStatus started;
        lock (_gate)
        {
            if (_status.Running)
            {
                return (_status, false);
            }

            started = new RetrainingStatus("running", scope.DisplayName ?? scope.StaffId, reason, rows.Count, time.GetUtcNow(), null, null, null);
            _status = started;
        }

        audit.Record(user, "model.retrain", null, $"{rows.Count} relabelled message(s): {reason}");
        var actor = AuditActors.Staff(scope.StaffId);
        _ = Task.Factory.StartNew(() => Run(started, rows, actor, scope.DisplayName), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        return (started, true);
    }

    private void Run(RetrainingStatus started, IReadOnlyList<Assistant.Moderation.Data.LabelledMessage> rows, string actor, string? actorName)
    {
        try
        {
            var now = time.GetUtcNow();
            var outcome = ModelTrainingJob.Run(options.Value.ResolveTrainingDataDirectory(), models.Store, new PromotionGate(), sharedDataDirectory: null, promote: false, now, rows);
            var version = outcome.Manifest.Version;
            var served = models.IsReady ? models.Current : null;
            var baseline = served is null
                ? new Dictionary<string, double>()
                : ModelSetEvaluator.Evaluate(served, outcome.HeldOut, sharedDataDirectory: null, now).Summary;
            // Held-out metrics cannot show whether the relabels were learned (they only ever join the training split):
            // count how many of them each set decides as relabelled.
            var learned = ModelSetEvaluator.CountDecidedAsLabelled(outcome.Set, outcome.Relabelled);
            int? servedAgreed = served is null ? null : ModelSetEvaluator.CountDecidedAsLabelled(served, outcome.Relabelled);
            models.Store.WriteComparison(version, new ModelComparison(
                served?.Version, baseline, outcome.HeldOut.Count, outcome.RelabelsUsed, outcome.RelabelsSkipped, actorName ?? actor, started.Reason ?? "", now,
                learned, servedAgreed));
            var macroF1 = outcome.Report.Summary.GetValueOrDefault("moderation.macroF1");
            audit.Record(actor, actorName, "model.retrain.done", version, string.Create(CultureInfo.InvariantCulture,
                $"macro-F1 {macroF1:0.000} vs {baseline.GetValueOrDefault("moderation.macroF1"):0.000} for {served?.Version ?? "none"} on the same {outcome.HeldOut.Count} held-out rows; gate {(outcome.Manifest.Gate.Passed ? "passed" : "failed")}; {outcome.RelabelsUsed} relabel(s) used, {outcome.RelabelsSkipped} held out; {learned} decided as relabelled by the new set, {servedAgreed?.ToString(CultureInfo.InvariantCulture) ?? "none"} by the served set"));
            LogRetrained(logger, version, outcome.Manifest.TrainingSeconds, outcome.RelabelsUsed, macroF1);
            Finish(started with { State = "succeeded", FinishedAt = time.GetUtcNow(), Version = version });
        }
        catch (Exception ex)
        {
            LogRetrainingFailed(logger, ex);
            audit.Record(actor, actorName, "model.retrain.failed", null, ex.Message);
            Finish(started with { State = "failed", FinishedAt = time.GetUtcNow(), Error = ex.Message });
        }
    }

    private void Finish(RetrainingStatus status)
    {
        lock (_gate)
        {
            _status = status;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Retrained model set {Version} in {Seconds} s with {Relabels} relabelled messages; held-out macro-F1 {MacroF1:0.000}")]
    private static partial void LogRetrained(ILogger logger, string version, double seconds, int relabels, double macroF1);

    [LoggerMessage(Level = LogLevel.Error, Message = "Retraining from the admin console failed")]
    private static partial void LogRetrainingFailed(ILogger logger, Exception exception);
}
