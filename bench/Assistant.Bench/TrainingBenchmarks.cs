using Assistant.Moderation;
using Assistant.Moderation.Evaluation;
using Assistant.Moderation.Serving;
using Assistant.Moderation.Training;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;

namespace Assistant.Bench;

/// <summary>
/// What a fresh deployment does at first start when no model exists: train the four classifiers on the training split of
/// the shipped data, evaluate them on the held-out split and save the set (the README says under a minute on two cores).
/// Tens of seconds per call: three calls, no warm-up, whatever job the command line asks for the other benchmarks.
/// </summary>
[Config(typeof(Config))]
[MemoryDiagnoser]
public class TrainingBenchmarks
{
    private string _root = "";

    [GlobalSetup]
    public void Setup() => _root = Path.Combine(Path.GetTempPath(), "assistant-bench-training-" + Guid.NewGuid().ToString("N"));

    [GlobalCleanup]
    public void Cleanup()
    {
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temporary folder does not matter to the numbers.
        }
    }

    [Benchmark]
    public ModelTrainingJob.Outcome FirstStartTraining() => ModelTrainingJob.Run(
        new ModerationOptions().ResolveTrainingDataDirectory(),
        new ModelStore(Path.Combine(_root, Guid.NewGuid().ToString("N"))),
        new PromotionGate(),
        sharedDataDirectory: null,
        promote: true,
        DateTimeOffset.UtcNow);

    private sealed class Config : ManualConfig
    {
        public Config()
        {
            Add(DefaultConfig.Instance);
            AddJob(Job.Default.WithStrategy(RunStrategy.Monitoring).WithLaunchCount(1).WithWarmupCount(0).WithIterationCount(3).WithId("Training"));
            // The command line's --job (short, for the quick benchmarks) would otherwise add its own iterations.
            UnionRule = ConfigUnionRule.AlwaysUseLocal;
        }
    }
}
