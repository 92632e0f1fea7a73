using System.Text.Json;
using Assistant.Moderation.Evaluation;
using Assistant.Moderation.Training;
using Microsoft.ML;

namespace Assistant.Moderation.Serving;

/// <summary>
/// The model folder: one sub-folder per version (<c>&lt;kind&gt;.zip</c>, <c>manifest.json</c>, <c>evaluation.json</c>)
/// and <c>current.json</c> naming the promoted version. Every write goes to a temporary name first and is
/// then renamed, so a reader never sees half a model.
/// </summary>
public sealed class ModelStore(string root)
{
    public const string CurrentFile = "current.json";

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public string Root { get; } = Path.GetFullPath(root);

    public string VersionDirectory(string version) => Path.Combine(Root, version);

    public string? CurrentVersion()
    {
        var path = Path.Combine(Root, CurrentFile);
        if (!File.Exists(path))
        {
            return null;
        }

        using var document = JsonDocument.Parse(File.ReadAllText(path));
        var version = document.RootElement.GetProperty("version").GetString();
        return version is not null && Directory.Exists(VersionDirectory(version)) ? version : null;
    }

    public void SetCurrent(string version)
    {
        if (!File.Exists(Path.Combine(VersionDirectory(version), "manifest.json")))
        {
            throw new ArgumentException($"No model set '{version}' in {Root}.", nameof(version));
        }

        WriteAtomically(Path.Combine(Root, CurrentFile), JsonSerializer.Serialize(new { version, promotedAt = DateTimeOffset.UtcNow }, Json));
    }

    public IReadOnlyList<ModelManifest> ListVersions() =>
        Directory.Exists(Root)
            ? Directory.GetDirectories(Root)
                .Where(d => !Path.GetFileName(d).StartsWith('.') && File.Exists(Path.Combine(d, "manifest.json")))
                .Select(d => ReadManifest(Path.GetFileName(d)))
                .OrderByDescending(m => m.TrainedAt)
                .ToList()
            : [];

    public ModelManifest ReadManifest(string version) =>
        JsonSerializer.Deserialize<ModelManifest>(File.ReadAllText(Path.Combine(VersionDirectory(version), "manifest.json")), Json)
        ?? throw new InvalidDataException($"The manifest of model set '{version}' is empty.");

    public ModelSet Load(string version)
    {
        var folder = VersionDirectory(version);
        var ml = new MLContext(seed: 1);
        TargetCuesMapping.Register(ml);
        var classifiers = new Dictionary<string, TextClassifier>(StringComparer.Ordinal);
        foreach (var kind in ModelKinds.All)
        {
            var path = Path.Combine(folder, kind + ".zip");
            if (File.Exists(path))
            {
                classifiers[kind] = TextClassifier.Load(ml, path);
            }
        }

        if (!classifiers.ContainsKey(ModelKinds.Moderation))
        {
            throw new InvalidDataException($"Model set '{version}' has no moderation model.");
        }

        return new ModelSet(version, ml, classifiers);
    }

    /// <summary>Writes a trained set under a temporary folder, then renames it to its version. Returns false when that version already exists.</summary>
    public bool Save(ModelSet set, ModelManifest manifest, EvaluationReport report)
    {
        ArgumentNullException.ThrowIfNull(set);
        Directory.CreateDirectory(Root);
        var target = VersionDirectory(set.Version);
        if (Directory.Exists(target))
        {
            return false;
        }

        var schema = set.Context.Data.LoadFromEnumerable(Array.Empty<TextExample>()).Schema;
        var temporary = Path.Combine(Root, $".tmp-{set.Version}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(temporary);
        try
        {
            foreach (var (kind, classifier) in set.Classifiers)
            {
                set.Context.Model.Save(classifier.Model, schema, Path.Combine(temporary, kind + ".zip"));
            }

            File.WriteAllText(Path.Combine(temporary, "manifest.json"), JsonSerializer.Serialize(manifest, Json));
            File.WriteAllText(Path.Combine(temporary, "evaluation.json"), JsonSerializer.Serialize(report, Json));
            Directory.Move(temporary, target);
            return true;
        }
        catch (IOException) when (Directory.Exists(target))
        {
            // Another process trained the same data at the same second and won the rename; its set is identical.
            Directory.Delete(temporary, recursive: true);
            return false;
        }
    }

    public void WriteComparison(string version, ModelComparison comparison) =>
        WriteAtomically(Path.Combine(VersionDirectory(version), "comparison.json"), JsonSerializer.Serialize(comparison, Json));

    /// <summary>The comparison written when the set was retrained from the console, or null (trained by the CLI or at first start).</summary>
    public ModelComparison? ReadComparison(string version)
    {
        var path = Path.Combine(VersionDirectory(version), "comparison.json");
        return File.Exists(path) ? JsonSerializer.Deserialize<ModelComparison>(File.ReadAllText(path), Json) : null;
    }

    /// <summary>
    /// Deletes a saved set. It is first renamed to a hidden name, so a listing never sees half of it and a crash
    /// mid-delete leaves only a hidden folder. Refused for the promoted version.
    /// </summary>
    public void Delete(string version)
    {
        if (version == CurrentVersion())
        {
            throw new InvalidOperationException($"Model set {version} is the promoted one and cannot be deleted.");
        }

        var hidden = Path.Combine(Root, $".discarded-{version}-{Guid.NewGuid():N}");
        Directory.Move(VersionDirectory(version), hidden);
        Directory.Delete(hidden, recursive: true);
    }

    public void WriteEvaluation(string version, EvaluationReport report) =>
        WriteAtomically(Path.Combine(VersionDirectory(version), "evaluation.json"), JsonSerializer.Serialize(report, Json));

    private static void WriteAtomically(string path, string content)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        File.WriteAllText(temporary, content);
        File.Move(temporary, path, overwrite: true);
    }
}
