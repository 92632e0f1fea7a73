using System.Security.Cryptography;
using Assistant.Moderation.Evaluation;
using Assistant.Moderation.Serving;
using Assistant.Moderation.Training;

namespace Assistant.Bot.Tests;

/// <summary>
/// One trained model set for every test host of the run (training per host would take most of the suite's
/// time). Keyed by a hash of the training data and of the trainer (a changed trainer must not reuse models
/// trained by the old one), trained once under a file lock so parallel test processes do not train twice.
/// </summary>
public static class SharedModels
{
    private static readonly Lazy<string> Trained = new(TrainOnce);

    public static string Directory => Trained.Value;

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
