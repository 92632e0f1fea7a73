using Assistant.Moderation.Serving;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Assistant.Moderation.Tests;

/// <summary>
/// One model set per test run, trained the way a fresh clone trains at first start (training per test
/// would be far too slow). Tests that change thresholds use their own settings store, never shared state.
/// </summary>
internal static class SharedModels
{
    private static readonly Lazy<ModelProvider> Trained = new(() =>
    {
        var root = Path.Combine(Path.GetTempPath(), "moderation-tests-" + Guid.NewGuid().ToString("N"));
        var options = new ModerationOptions { DataDirectory = root, TrainWhenMissing = true };
        var provider = new ModelProvider(Options.Create(options), NullLogger<ModelProvider>.Instance);
        provider.StartLoadingAsync().GetAwaiter().GetResult();
        return provider;
    });

    public static ModelProvider Provider => Trained.Value;

    public static ModelManifest Manifest => Provider.Store.ReadManifest(Provider.CurrentVersion!);

    public static string TemporaryDirectory()
    {
        var path = Path.Combine(Path.GetTempPath(), "moderation-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        return path;
    }
}
