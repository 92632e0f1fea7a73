using Assistant.Moderation.Serving;

namespace Assistant.Bot.Tests.Admin;

/// <summary>
/// A model folder of its own holding a copy of the tests' shared set (so a retrained version never reaches another
/// test host), and a slice of the shipped training files (retraining takes seconds instead of a minute).
/// Pass <see cref="Settings"/> to the host.
/// </summary>
public sealed class RetrainingSandbox : IDisposable
{
    private static readonly string[] SliceFiles =
        ["support-billing.csv", "support-order.csv", "dialog-answers.csv", "abusive-insult-agent.csv", "abusive-insult-company.csv", "offtopic-daily.csv", "offtopic-knowledge.csv"];

    private readonly string _root = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "sa-retrain-" + Guid.NewGuid().ToString("N"))).FullName;

    public RetrainingSandbox()
    {
        var shared = new ModelStore(SharedModels.Directory);
        ServedVersion = shared.CurrentVersion()!;
        var models = new ModelStore(Path.Combine(_root, "models"));
        var target = Directory.CreateDirectory(models.VersionDirectory(ServedVersion)).FullName;
        foreach (var file in Directory.GetFiles(shared.VersionDirectory(ServedVersion)))
        {
            File.Copy(file, Path.Combine(target, Path.GetFileName(file)));
        }

        models.SetCurrent(ServedVersion);
        var data = Directory.CreateDirectory(Path.Combine(_root, "data")).FullName;
        foreach (var file in SliceFiles)
        {
            File.Copy(Path.Combine(AppContext.BaseDirectory, "ModerationData", file), Path.Combine(data, file));
        }

        Settings = new Dictionary<string, string?>
        {
            ["Moderation:ModelsDirectory"] = models.Root,
            ["Moderation:TrainingDataDirectory"] = data,
        };
    }

    public string ServedVersion { get; }

    public IReadOnlyDictionary<string, string?> Settings { get; }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder must not fail the run.
        }
    }
}
