using System.Security.Cryptography;
using System.Text;
using Assistant.Moderation.Training;

namespace Assistant.Load.Servers;

/// <summary>
/// Trained models kept between runs, so only the first run waits for training. Keyed like the tests' shared models:
/// a hash of the training data the assistant ships and of the trainer's code, so changed data or a changed trainer
/// gets a model set of its own instead of a stale one.
/// </summary>
public static class ModelsCache
{
    public static string DefaultRoot => Path.Combine(
        Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "support-assistant", "load-models");

    public static string DirectoryFor(string root, string botDirectory)
    {
        var data = Path.Combine(botDirectory, "ModerationData");
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var file in Directory.EnumerateFiles(data, "*.csv", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            hash.AppendData(Encoding.UTF8.GetBytes(Path.GetRelativePath(data, file)));
            hash.AppendData(File.ReadAllBytes(file));
        }
        hash.AppendData(Encoding.UTF8.GetBytes(TrainerFingerprint.Value));
        var key = Convert.ToHexString(hash.GetHashAndReset())[..16].ToLowerInvariant();
        return Directory.CreateDirectory(Path.Combine(root, "models-" + key)).FullName;
    }
}
