using Assistant.Moderation.Serving;
using Assistant.Moderation.Tests.Analysis;
using Assistant.Moderation.Training;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Assistant.Moderation.Tests.Serving;

public sealed class ModelPipelineTests
{
    [Fact]
    public void First_start_trains_all_four_models_with_a_manifest()
    {
        // How long first-start training takes is measured by the benchmarks (bench/Assistant.Bench, TrainingBenchmarks).
        var manifest = SharedModels.Manifest;

        Assert.Equal(ModelKinds.All.Order(StringComparer.Ordinal), manifest.Models);
        Assert.Equal(16, manifest.DataHash.Length);
        Assert.True(manifest.HeldOutRows > 0);
        Assert.All(new[] { "moderation.zip", "priority.zip", "category.zip", "product.zip", "evaluation.json" },
            f => Assert.True(File.Exists(Path.Combine(SharedModels.Provider.Store.VersionDirectory(manifest.Version), f)), f));
    }

    [Fact]
    public void Held_out_metrics_meet_the_gate_and_stated_floors_close_to_what_the_data_reaches()
    {
        var metrics = SharedModels.Manifest.Metrics;

        Assert.True(SharedModels.Manifest.Gate.Passed, string.Join("; ", SharedModels.Manifest.Gate.Failures));
        // Floors a point or two under what the shipped data reaches on the held-out split (README, "Moderation and triage"),
        // above the gate's, so a regression the gate would let through fails here. The realistic rows are the customers the
        // product serves; the whole split includes the public tweets, labelled differently and down-weighted.
        Assert.True(metrics["realistic.ok.flaggedAny"] <= 0.04, $"realistic ok flagged {metrics["realistic.ok.flaggedAny"]:0.000}");
        Assert.True(metrics["realistic.ok.strikes"] == 0, $"realistic ok rows with a strike: {metrics["realistic.ok.strikes"]}");
        Assert.True(metrics["realistic.moderation.macroF1"] >= 0.88, $"realistic macro-F1 {metrics["realistic.moderation.macroF1"]:0.000}");
        Assert.True(metrics["realistic.abusive.recall"] >= 0.81, $"realistic abusive recall {metrics["realistic.abusive.recall"]:0.000}");
        Assert.True(metrics["realistic.offtopic.recall"] >= 0.79, $"realistic off-topic recall {metrics["realistic.offtopic.recall"]:0.000}");
        Assert.True(metrics["project.moderation.macroF1"] >= 0.85, $"project macro-F1 {metrics["project.moderation.macroF1"]:0.000}");
        Assert.True(metrics["priority.accuracy"] >= 0.78, $"priority accuracy {metrics["priority.accuracy"]:0.000}");
        Assert.True(metrics["category.accuracy"] >= 0.82, $"category accuracy {metrics["category.accuracy"]:0.000}");
        Assert.True(metrics["product.accuracy"] >= 0.89, $"product accuracy {metrics["product.accuracy"]:0.000}");
    }

    [Fact]
    public void Promoting_another_version_swaps_the_served_models_without_a_restart()
    {
        var root = SharedModels.TemporaryDirectory();
        var source = SharedModels.Provider.Store;
        var version = SharedModels.Provider.CurrentVersion!;
        CopyVersion(source, root, version, version);
        CopyVersion(source, root, version, "20990101-000000-copy0000");
        var store = new ModelStore(Path.Combine(root, "models"));
        store.SetCurrent(version);
        using var provider = new ModelProvider(Options.Create(new ModerationOptions { DataDirectory = root, TrainWhenMissing = false }), NullLogger<ModelProvider>.Instance);
        _ = provider.Current;
        using var factory = new AnalyzerFactory();
        var analyzer = new Assistant.Moderation.Analysis.MessageAnalyzer(provider, factory.Settings, NullLogger<Assistant.Moderation.Analysis.MessageAnalyzer>.Instance);

        var before = analyzer.Analyze("Ma facture est fausse").ModelVersion;
        provider.Promote("20990101-000000-copy0000", "admin@test");
        var after = analyzer.Analyze("Ma facture est fausse").ModelVersion;

        Assert.Equal(version, before);
        Assert.Equal("20990101-000000-copy0000", after);
        Assert.Equal("20990101-000000-copy0000", store.CurrentVersion());
    }

    [Fact]
    public void A_version_that_failed_the_gate_is_not_promoted()
    {
        var root = SharedModels.TemporaryDirectory();
        var version = SharedModels.Provider.CurrentVersion!;
        CopyVersion(SharedModels.Provider.Store, root, version, version);
        CopyVersion(SharedModels.Provider.Store, root, version, "20990101-000000-failed00", gatePassed: false);
        new ModelStore(Path.Combine(root, "models")).SetCurrent(version);
        using var provider = new ModelProvider(Options.Create(new ModerationOptions { DataDirectory = root, TrainWhenMissing = false }), NullLogger<ModelProvider>.Instance);
        _ = provider.Current;

        var error = Assert.Throws<InvalidOperationException>(() => provider.Promote("20990101-000000-failed00", "admin@test"));

        Assert.Contains("gate", error.Message, StringComparison.Ordinal);
        Assert.Equal(version, provider.CurrentVersion);
    }

    [Fact]
    public void Without_models_and_with_training_disabled_loading_fails_clearly()
    {
        using var provider = new ModelProvider(
            Options.Create(new ModerationOptions { DataDirectory = SharedModels.TemporaryDirectory(), TrainWhenMissing = false }),
            NullLogger<ModelProvider>.Instance);

        var error = Assert.Throws<InvalidOperationException>(() => provider.Current);

        Assert.Contains("No promoted model set", error.Message, StringComparison.Ordinal);
        Assert.False(provider.IsReady);
    }

    private static void CopyVersion(ModelStore source, string root, string version, string newVersion, bool gatePassed = true)
    {
        var target = Path.Combine(root, "models", newVersion);
        Directory.CreateDirectory(target);
        foreach (var file in Directory.GetFiles(source.VersionDirectory(version)))
        {
            File.Copy(file, Path.Combine(target, Path.GetFileName(file)));
        }

        var manifest = source.ReadManifest(version) with { Version = newVersion };
        if (!gatePassed)
        {
            manifest = manifest with { Gate = manifest.Gate with { Passed = false, Failures = ["abusive.recall 0.1 < 0.85"] } };
        }

        File.WriteAllText(Path.Combine(target, "manifest.json"), System.Text.Json.JsonSerializer.Serialize(manifest, ModelStore.Json));
    }
}
