using System.Security.Cryptography;
using Assistant.Moderation;
using Assistant.Moderation.Evaluation;
using Assistant.Moderation.Serving;
using Assistant.Moderation.Training;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Assistant.Bot.Tests;

/// <summary>
/// One trained model set for every test host of the run (training per host would take most of the suite's
/// time). Keyed by a hash of the training data and of the trainer (a changed trainer must not reuse models
/// trained by the old one), trained once under a file lock so parallel test processes do not train twice.
/// The hosts also share one loaded copy of it (<see cref="ServeTo"/>): a test process starts several hundred hosts,
/// the framework keeps some of them reachable after they are disposed (timers and execution contexts captured while
/// a host was built), and each would otherwise keep its own few hundred megabytes of models.
/// </summary>
public static class SharedModels
{
    private static readonly Lazy<string> Trained = new(TrainOnce);

    // Loaded before the first host that uses it starts, so that no test's own time-outs include loading the models.
    private static readonly Lazy<ModelProvider> Loaded = new(() =>
    {
        var provider = new ModelProvider(
            Options.Create(new ModerationOptions { ModelsDirectory = Directory, TrainWhenMissing = false }),
            NullLogger<ModelProvider>.Instance);
        provider.StartLoadingAsync().GetAwaiter().GetResult();
        return provider;
    });

    public static string Directory => Trained.Value;

    /// <summary>
    /// Serves the loaded shared set in a test host, unless the test gave the host a model folder of its own (a
    /// retraining sandbox): the container does not own the instance, so disposing the host leaves it to the others.
    /// </summary>
    public static void ServeTo(IServiceCollection services, IReadOnlyDictionary<string, string?> settings)
    {
        if (settings.TryGetValue("Moderation:ModelsDirectory", out var own) && own != Directory)
        {
            return;
        }

        services.RemoveAll<ModelProvider>();
        services.AddSingleton(Loaded.Value);
    }

    private static string TrainOnce()
    {
        var data = Path.Combine(AppContext.BaseDirectory, "ModerationData");
        var root = Path.Combine(Path.GetTempPath(), "support-assistant-tests", "models-" + HashOf(data));
        System.IO.Directory.CreateDirectory(root);
        using var gate = AcquireLock(Path.Combine(root, ".lock"));
        var store = new ModelStore(root);
        if (store.CurrentVersion() is null)
        {
            var outcome = ModelTrainingJob.Run(data, store, new PromotionGate(), sharedDataDirectory: null, promote: true, DateTimeOffset.UtcNow);
            if (!outcome.Promoted)
            {
                store.SetCurrent(outcome.Manifest.Version);
            }
        }
        return root;
    }

    private static FileStream AcquireLock(string path)
    {
        var deadline = DateTime.UtcNow.AddMinutes(5);
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                Thread.Sleep(250);
            }
        }
    }

    private static string HashOf(string directory)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var file in System.IO.Directory.EnumerateFiles(directory, "*.csv", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            hash.AppendData(System.Text.Encoding.UTF8.GetBytes(Path.GetRelativePath(directory, file)));
            hash.AppendData(File.ReadAllBytes(file));
        }

        hash.AppendData(System.Text.Encoding.UTF8.GetBytes(TrainerFingerprint.Value));
        return Convert.ToHexString(hash.GetHashAndReset())[..16].ToLowerInvariant();
    }
}
