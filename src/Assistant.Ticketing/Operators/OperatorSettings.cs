using Microsoft.Extensions.Logging;

namespace Assistant.Ticketing.Operators;

/// <summary>Where an operator's editable values come from.</summary>
public static class OperatorSources
{
    public const string Configuration = "configuration";
    public const string Console = "console";
}

/// <summary>The outcome of an edit: the profiles before and after, or why it was refused (nothing changed then).</summary>
public sealed record OperatorEditResult(OperatorProfile? Before, OperatorProfile? After, IReadOnlyList<(string Field, string Message)> Errors)
{
    public bool Succeeded => Errors.Count == 0 && After is not null;
}

/// <summary>
/// Run-time edits of operators (business hours, holidays, CGU): validated, saved in <c>tickets.db</c> and served
/// at once by swapping the whole profile in the catalogue. Saved edits win over configuration until reset; they
/// are applied over configuration when this service is created, before the catalogue is handed to anyone.
/// </summary>
public sealed partial class OperatorSettings
{
    private readonly OperatorEditStore _store;
    private readonly TimeProvider _time;
    private readonly ILogger<OperatorSettings> _logger;
    // One edit at a time, so the saved record and the served profile always match.
    private readonly Lock _gate = new();

    public OperatorSettings(OperatorCatalog catalog, OperatorEditStore store, TimeProvider time, ILogger<OperatorSettings> logger)
    {
        Catalog = catalog;
        _store = store;
        _time = time;
        _logger = logger;
        ApplySaved();
    }

    public OperatorCatalog Catalog { get; }

    /// <summary><see cref="OperatorSources.Console"/> when a saved edit is served, else <see cref="OperatorSources.Configuration"/>.</summary>
    public string SourceOf(string operatorId) =>
        _store.Find(operatorId) is not null ? OperatorSources.Console : OperatorSources.Configuration;

    /// <summary>Validates, saves and serves the edit; unknown operator: null.</summary>
    public OperatorEditResult? Apply(string operatorId, OperatorEdit edit, string savedBy)
    {
        ArgumentNullException.ThrowIfNull(edit);
        return Apply(operatorId, _ => edit, savedBy);
    }

    /// <summary>
    /// As <see cref="Apply(string, OperatorEdit, string)"/>, with the edit built from the profile in use under the
    /// edit lock: fields a caller leaves out keep their latest value even when two admins save at once.
    /// </summary>
    public OperatorEditResult? Apply(string operatorId, Func<OperatorProfile, OperatorEdit> build, string savedBy)
    {
        ArgumentNullException.ThrowIfNull(build);
        lock (_gate)
        {
            var before = Catalog.Find(operatorId);
            if (before is null)
            {
                return null;
            }

            var edit = build(before);
            var after = edit.ApplyTo(before);
            var errors = Check(edit, after);
            if (errors.Count > 0)
            {
                return new OperatorEditResult(before, null, errors);
            }

            _store.Save(after.Id, OperatorEdit.Of(after), savedBy, _time.GetUtcNow());
            Catalog.Replace(after);
            LogEdited(_logger, after.Id, after.CguVersion);
            return new OperatorEditResult(before, after, []);
        }
    }

    /// <summary>Forgets the saved edit and serves the configured profile again; unknown operator: null.</summary>
    public OperatorEditResult? Reset(string operatorId)
    {
        lock (_gate)
        {
            var before = Catalog.Find(operatorId);
            var configured = Catalog.Configured(operatorId);
            if (before is null || configured is null)
            {
                return null;
            }

            _store.Delete(configured.Id);
            Catalog.Replace(configured);
            LogReset(_logger, configured.Id);
            return new OperatorEditResult(before, configured, []);
        }
    }

    private static List<(string Field, string Message)> Check(OperatorEdit edit, OperatorProfile after)
    {
        var errors = edit.Validate().ToList();
        if (errors.Count == 0)
        {
            // The rules configuration meets at start hold for edits too.
            errors.AddRange(OperatorsSetup.Validate(after).Select(e => ("profile", e)));
        }

        return errors;
    }

    // A saved edit that no longer fits (operator gone from configuration, or a rule it now breaks) is left
    // unused and said so; configuration is served for that operator.
    private void ApplySaved()
    {
        foreach (var record in _store.All())
        {
            var configured = Catalog.Configured(record.Id);
            if (configured is null)
            {
                LogSavedSkipped(_logger, record.Id, "unknown operator");
                continue;
            }

            var edit = OperatorEditStore.ToEdit(record);
            var after = edit.ApplyTo(configured);
            var errors = Check(edit, after);
            if (errors.Count > 0)
            {
                LogSavedSkipped(_logger, record.Id, string.Join("; ", errors.Select(e => e.Message)));
                continue;
            }

            Catalog.Replace(after);
            LogSavedApplied(_logger, record.Id, record.SavedAt);
        }
    }

    [LoggerMessage(EventId = 3211, Level = LogLevel.Information, Message = "Operator {OperatorId} settings edited at run time (CGU version {CguVersion})")]
    private static partial void LogEdited(ILogger logger, string operatorId, string cguVersion);

    [LoggerMessage(EventId = 3212, Level = LogLevel.Information, Message = "Operator {OperatorId} settings reset to configuration")]
    private static partial void LogReset(ILogger logger, string operatorId);

    [LoggerMessage(EventId = 3213, Level = LogLevel.Information, Message = "Operator {OperatorId} served with the settings saved at {SavedAt}")]
    private static partial void LogSavedApplied(ILogger logger, string operatorId, DateTimeOffset savedAt);

    [LoggerMessage(EventId = 3214, Level = LogLevel.Warning, Message = "Saved settings of operator {OperatorId} not used: {Reason}")]
    private static partial void LogSavedSkipped(ILogger logger, string operatorId, string reason);
}
