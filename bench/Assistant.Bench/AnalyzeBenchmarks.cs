using Assistant.Moderation;
using Assistant.Moderation.Analysis;
using Assistant.Moderation.Serving;
using Assistant.Moderation.Thresholds;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Assistant.Bench;

/// <summary>
/// One Analyze call (four classifiers, rules, thresholds) on typical messages, beside what a turn runs: moderation only
/// (one classifier, rules, thresholds) on every message, triage only (three classifiers) on a ticket's description. Uses the promoted set in
/// <c>BENCH_MODELS</c> (a models folder) when given, otherwise trains one in a temporary folder first.
/// </summary>
[MemoryDiagnoser]
public class AnalyzeBenchmarks
{
    private ModelSet _set = null!;

    [Params(
        "Bonjour, je n'arrive plus à me connecter à mon espace client depuis ce matin",
        "Plus personne ne peut accéder à V-room, tout le monde est bloqué",
        "Vous êtes une bande d'incapables, rendez-moi mon argent",
        "Quelle est la meilleure recette de tarte aux pommes ?")]
    public string Text { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        var options = new ModerationOptions
        {
            DataDirectory = Path.Combine(Path.GetTempPath(), "assistant-bench"),
            ModelsDirectory = ModelsDirectory(),
            TrainWhenMissing = true,
        };
        using var provider = new ModelProvider(Options.Create(options), NullLogger<ModelProvider>.Instance);
        _set = provider.Current;
    }

    /// <summary>
    /// <c>BENCH_MODELS</c> when given; otherwise a folder keyed by the trainer fingerprint, trained on first use,
    /// so the benchmark processes BenchmarkDotNet starts share one set and a changed trainer never reuses a stale one.
    /// </summary>
    public static string ModelsDirectory() =>
        Environment.GetEnvironmentVariable("BENCH_MODELS")
        ?? Path.Combine(Path.GetTempPath(), "assistant-bench", "models-" + Assistant.Moderation.Training.TrainerFingerprint.Value);

    [Benchmark(Baseline = true)]
    public MessageAnalysis Analyze() => ModelSetAnalysis.Analyze(_set, ModerationThresholds.Defaults, Text);

    [Benchmark]
    public ModerationVerdict Moderate() => ModelSetAnalysis.Moderate(_set, ModerationThresholds.Defaults, Text);

    [Benchmark]
    public Triage Triage() => ModelSetAnalysis.Triage(_set, Text);

    /// <summary>The cue markers alone (part of <see cref="Moderate"/>): what reading who a message aims at costs.</summary>
    [Benchmark]
    public string Cues() => Assistant.Moderation.Training.TargetCues.Append(Text);

    /// <summary>The urgency markers alone (part of <see cref="Triage"/>): what the priority model's cues cost.</summary>
    [Benchmark]
    public string UrgencyCues() => Assistant.Moderation.Training.UrgencyCues.Append(Text);
}
