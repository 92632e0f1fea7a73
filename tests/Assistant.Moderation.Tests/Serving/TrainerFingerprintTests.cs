using Assistant.Moderation.Training;

namespace Assistant.Moderation.Tests.Serving;

public sealed class TrainerFingerprintTests
{
    [Fact]
    public void The_fingerprint_names_the_trainer_version_and_a_content_hash()
    {
        var fingerprint = TrainerFingerprint.Value;

        Assert.StartsWith($"v{TrainerSettings.TrainerVersion}-", fingerprint, StringComparison.Ordinal);
        Assert.Equal(fingerprint, TrainerFingerprint.Value);
        Assert.True(fingerprint.Length > 10, fingerprint);
    }
}
