using Assistant.Moderation.Storage;
using Microsoft.Extensions.Logging;

namespace Assistant.Moderation.Thresholds;

/// <summary>Thresholds kept in <c>moderation.db</c> and cached in memory; an update applies to the next analysis.</summary>
public sealed partial class LiteDbModerationSettings : IModerationSettings
{
    private readonly ModerationDatabase _database;
    private readonly ILogger<LiteDbModerationSettings> _logger;
    private readonly Lock _gate = new();
    private volatile ModerationThresholds _current;

    public LiteDbModerationSettings(ModerationDatabase database, ILogger<LiteDbModerationSettings> logger)
    {
        ArgumentNullException.ThrowIfNull(database);
        _database = database;
        _logger = logger;
        var stored = database.Settings.FindOne(d => d.Key == "thresholds");
        _current = stored is null
            ? ModerationThresholds.Defaults
            : new ModerationThresholds(
                new LabelPolicy(stored.AbusiveThreshold, stored.AbusiveAction),
                new LabelPolicy(stored.OfftopicThreshold, stored.OfftopicAction))
            {
                // A refusal threshold saved above today's default strike threshold keeps strikes possible.
                Strike = stored.StrikeThreshold ?? Math.Max(ModerationThresholds.DefaultStrike, stored.AbusiveThreshold),
            };
    }

    public ModerationThresholds Current => _current;

    public ModerationThresholds Update(ModerationThresholds thresholds, string updatedBy)
    {
        ArgumentNullException.ThrowIfNull(thresholds);
        ArgumentException.ThrowIfNullOrWhiteSpace(updatedBy);
        var errors = thresholds.Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException("Invalid moderation thresholds: " + string.Join("; ", errors), nameof(thresholds));
        }

        lock (_gate)
        {
            var document = new ThresholdDocument
            {
                AbusiveThreshold = thresholds.Abusive.Threshold,
                AbusiveAction = thresholds.Abusive.Action,
                OfftopicThreshold = thresholds.Offtopic.Threshold,
                OfftopicAction = thresholds.Offtopic.Action,
                StrikeThreshold = thresholds.Strike,
                UpdatedBy = updatedBy,
                UpdatedAt = DateTime.UtcNow,
            };
            _database.Settings.DeleteMany(d => d.Key == "thresholds");
            _database.Settings.Insert(document);
            _database.SettingsHistory.Insert(new ThresholdDocument
            {
                AbusiveThreshold = document.AbusiveThreshold,
                AbusiveAction = document.AbusiveAction,
                OfftopicThreshold = document.OfftopicThreshold,
                OfftopicAction = document.OfftopicAction,
                StrikeThreshold = document.StrikeThreshold,
                UpdatedBy = updatedBy,
                UpdatedAt = document.UpdatedAt,
            });
            _current = thresholds;
        }

        LogUpdated(updatedBy, thresholds.Abusive.Threshold, thresholds.Abusive.Action, thresholds.Offtopic.Threshold, thresholds.Offtopic.Action);
        return thresholds;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Moderation thresholds changed by {UpdatedBy}: abusive {AbusiveThreshold} -> {AbusiveAction}, offtopic {OfftopicThreshold} -> {OfftopicAction}")]
    private partial void LogUpdated(string updatedBy, float abusiveThreshold, string abusiveAction, float offtopicThreshold, string offtopicAction);
}
