using Assistant.Moderation.Training;
using Microsoft.ML;

namespace Assistant.Moderation.Serving;

/// <summary>The four classifiers of one version, ready to serve. A triage classifier is missing when its data had fewer than two classes.</summary>
public sealed class ModelSet(string version, MLContext context, IReadOnlyDictionary<string, TextClassifier> classifiers)
{
    public string Version { get; } = version;

    public MLContext Context { get; } = context;

    public IReadOnlyDictionary<string, TextClassifier> Classifiers { get; } = classifiers;

    public TextClassifier Moderation => Classifiers[ModelKinds.Moderation];

    public TextClassifier? Get(string kind) => Classifiers.GetValueOrDefault(kind);
}
