using Assistant.Moderation.Evaluation;
using Assistant.Moderation.Training;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Assistant.Moderation.Serving;

/// <summary>
/// Holds the served model set. Loads the promoted version once (training one first when none exists),
/// and swaps in a newly promoted version without a restart, whether it was promoted here or by the CLI
/// (a watcher on <c>current.json</c>). Analyses in flight keep the set they started with.
/// </summary>
public sealed partial class ModelProvider : IModelCatalog, IDisposable
{
    private readonly ModerationOptions _options;
    private readonly ModelStore _store;
    private readonly ILogger<ModelProvider> _logger;
    private readonly Lock _loadGate = new();
    private readonly Lazy<Task> _initialLoad;
    private FileSystemWatcher? _watcher;
    private volatile ModelSet? _current;

    public ModelProvider(IOptions<ModerationOptions> options, ILogger<ModelProvider> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _store = new ModelStore(_options.ResolveModelsDirectory());
        _logger = logger;
        _initialLoad = new Lazy<Task>(() => Task.Run(LoadOrTrain));
    }

    public bool IsReady => _current is not null;

    public string? CurrentVersion => _current?.Version;

    public ModelStore Store => _store;

    /// <summary>The served set; waits for the first load (or first-start training) to finish.</summary>
    public ModelSet Current
    {
        get
        {
            var current = _current;
            if (current is not null)
            {
                return current;
            }

            _initialLoad.Value.GetAwaiter().GetResult();
            return _current ?? throw new InvalidOperationException("No moderation model is loaded.");
        }
    }

    /// <summary>Starts loading (or training) in the background; the host calls it at start.</summary>
    public Task StartLoadingAsync() => _initialLoad.Value;

    public IReadOnlyList<ModelManifest> ListVersions() => _store.ListVersions();

    public ModelManifest Promote(string version, string promotedBy)
    {
        var manifest = _store.ReadManifest(version);
        if (!manifest.Gate.Passed)
        {
            throw new InvalidOperationException($"Model set {version} failed the promotion gate: {string.Join("; ", manifest.Gate.Failures)}");
        }

        _store.SetCurrent(version);
        LogPromoted(version, promotedBy);
        Reload();
        return manifest;
    }

    public void Discard(string version, string discardedBy)
    {
        lock (_loadGate)
        {
            if (version == _current?.Version)
            {
                throw new InvalidOperationException($"Model set {version} is the one served and cannot be discarded.");
            }

            _store.Delete(version);
        }

        LogDiscarded(version, discardedBy);
    }

    /// <summary>Loads the promoted version if it differs from the served one.</summary>
    public void Reload()
    {
        lock (_loadGate)
        {
            var version = _store.CurrentVersion();
            if (version is null || version == _current?.Version)
            {
                return;
            }

            _current = _store.Load(version);
            LogLoaded(version, _store.Root);
        }
    }

    private void LoadOrTrain()
    {
        try
        {
            if (_store.CurrentVersion() is null)
            {
                if (!_options.TrainWhenMissing)
                {
                    throw new InvalidOperationException($"No promoted model set in {_store.Root} and training at start is disabled.");
                }

                TrainAtFirstStart();
            }

            Reload();
            WatchPromotions();
        }
        catch (Exception ex)
        {
            LogLoadFailed(ex, _store.Root);
            throw;
        }
    }

    private void TrainAtFirstStart()
    {
        var dataDirectory = _options.ResolveTrainingDataDirectory();
        LogTraining(_store.Root, dataDirectory);
        var outcome = ModelTrainingJob.Run(dataDirectory, _store, new PromotionGate(), sharedDataDirectory: null, promote: true, DateTimeOffset.UtcNow);
        if (!outcome.Promoted && _store.CurrentVersion() is null)
        {
            // A fresh clone must still moderate: serve the set, but say loudly that it missed the gate.
            LogGateFailedAtFirstStart(outcome.Manifest.Version, string.Join("; ", outcome.Manifest.Gate.Failures));
            _store.SetCurrent(outcome.Manifest.Version);
        }

        LogTrained(outcome.Manifest.Version, outcome.Manifest.TrainingSeconds, outcome.Data.Rows.Count,
            outcome.Report.Summary.GetValueOrDefault("moderation.macroF1"));
    }

    private void WatchPromotions()
    {
        if (_watcher is not null)
        {
            return;
        }

        _watcher = new FileSystemWatcher(_store.Root, ModelStore.CurrentFile) { NotifyFilter = NotifyFilters.LastWrite | NotifyFilters.FileName };
        _watcher.Changed += (_, _) => SafeReload();
        _watcher.Created += (_, _) => SafeReload();
        _watcher.Renamed += (_, _) => SafeReload();
        _watcher.EnableRaisingEvents = true;
    }

    private void SafeReload()
    {
        try
        {
            Reload();
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or System.Text.Json.JsonException or InvalidOperationException)
        {
            // A half-written pointer or model is retried on the next change; the served set stays in place.
            LogReloadFailed(ex);
        }
    }

    public void Dispose() => _watcher?.Dispose();

    [LoggerMessage(Level = LogLevel.Information, Message = "Moderation models {Version} loaded from {ModelsDirectory}")]
    private partial void LogLoaded(string version, string modelsDirectory);

    [LoggerMessage(Level = LogLevel.Information, Message = "Model set {Version} promoted by {PromotedBy}")]
    private partial void LogPromoted(string version, string promotedBy);

    [LoggerMessage(Level = LogLevel.Information, Message = "Model set {Version} discarded by {DiscardedBy}")]
    private partial void LogDiscarded(string version, string discardedBy);

    [LoggerMessage(Level = LogLevel.Information, Message = "No moderation model in {ModelsDirectory}: training one from {TrainingData} (first start)")]
    private partial void LogTraining(string modelsDirectory, string trainingData);

    [LoggerMessage(Level = LogLevel.Information, Message = "Trained moderation models {Version} in {Seconds} s on {Rows} rows; held-out moderation macro-F1 {MacroF1:0.000}")]
    private partial void LogTrained(string version, double seconds, int rows, double macroF1);

    [LoggerMessage(Level = LogLevel.Error, Message = "Model set {Version} trained at first start missed the promotion gate ({Failures}); serving it because no other set exists")]
    private partial void LogGateFailedAtFirstStart(string version, string failures);

    [LoggerMessage(Level = LogLevel.Critical, Message = "Moderation models could not be loaded or trained from {ModelsDirectory}")]
    private partial void LogLoadFailed(Exception exception, string modelsDirectory);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reloading the promoted model set failed; the served set is unchanged")]
    private partial void LogReloadFailed(Exception exception);
}
