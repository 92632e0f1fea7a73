using Assistant.Moderation.Storage;
using Assistant.Moderation.Tests.Analysis;
using Assistant.Moderation.Thresholds;
using Microsoft.Extensions.Logging.Abstractions;

namespace Assistant.Moderation.Tests.Thresholds;

public sealed class ThresholdTests
{
    // Rude enough for a mid-range abusive score with the shipped models, so thresholds on both sides of it exist.
    private const string Rude = "Vous êtes vraiment des branques, trois fois que j'appelle pour rien";

    [Fact]
    public void Changing_a_threshold_changes_the_next_decision_without_a_restart()
    {
        using var factory = new AnalyzerFactory();
        var score = factory.Analyzer.Analyze(Rude).Moderation.Scores.Abusive;
        Assert.InRange(score, 0.02f, 0.98f);

        factory.Settings.Update(ModerationThresholds.Defaults with { Abusive = new LabelPolicy(score - 0.01f, ModerationActions.Quarantine) }, "admin@test");
        var lowered = factory.Analyzer.Analyze(Rude).Moderation;
        factory.Settings.Update(ModerationThresholds.Defaults with { Abusive = new LabelPolicy(Math.Min(1f, score + 0.01f), ModerationActions.Refuse) }, "admin@test");
        var raised = factory.Analyzer.Analyze(Rude).Moderation;

        Assert.Equal(Labels.Abusive, lowered.Label);
        Assert.Equal(ModerationActions.Quarantine, lowered.Action);
        Assert.NotEqual(Labels.Abusive, raised.Label);
    }

    [Fact]
    public void Thresholds_survive_reopening_the_database()
    {
        var path = Path.Combine(SharedModels.TemporaryDirectory(), "moderation.db");
        var changed = new ModerationThresholds(new LabelPolicy(0.7f, ModerationActions.Quarantine), new LabelPolicy(0.6f, ModerationActions.Refuse));
        using (var database = new ModerationDatabase(path))
        {
            new LiteDbModerationSettings(database, NullLogger<LiteDbModerationSettings>.Instance).Update(changed, "admin@test");
        }

        using var reopened = new ModerationDatabase(path);
        var settings = new LiteDbModerationSettings(reopened, NullLogger<LiteDbModerationSettings>.Instance);

        Assert.Equal(changed, settings.Current);
    }

    [Theory]
    [InlineData(0f, "refuse", "threshold")]
    [InlineData(1.5f, "refuse", "threshold")]
    [InlineData(0.5f, "delete", "action")]
    public void Invalid_thresholds_are_refused_and_change_nothing(float threshold, string action, string problem)
    {
        using var factory = new AnalyzerFactory();
        var before = factory.Settings.Current;

        var error = Assert.Throws<ArgumentException>(() =>
            factory.Settings.Update(ModerationThresholds.Defaults with { Abusive = new LabelPolicy(threshold, action) }, "admin@test"));

        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
        Assert.Equal(before, factory.Settings.Current);
        Assert.Equal(0, factory.Database.Settings.Count());
    }
}
