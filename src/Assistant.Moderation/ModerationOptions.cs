using System.ComponentModel.DataAnnotations;

namespace Assistant.Moderation;

/// <summary>The <c>Moderation</c> section. The data directory itself is the host's <c>Assistant:DataDirectory</c>.</summary>
public sealed class ModerationOptions
{
    public const string SectionName = "Moderation";

    /// <summary>Bound from <c>Assistant:DataDirectory</c> (default <c>data</c>): holds <c>moderation.db</c> and <c>models/</c>.</summary>
    [Required]
    public string DataDirectory { get; set; } = "data";

    /// <summary>Where model sets live; default <c>&lt;DataDirectory&gt;/models</c>. Tests point several hosts at one trained set.</summary>
    public string? ModelsDirectory { get; set; }

    /// <summary>The labelled CSV files; default the <c>ModerationData</c> folder shipped beside the binaries.</summary>
    public string? TrainingDataDirectory { get; set; }

    /// <summary>Train a model set at start when none exists, so a fresh clone runs.</summary>
    public bool TrainWhenMissing { get; set; } = true;

    public string ResolveModelsDirectory() => Path.GetFullPath(ModelsDirectory ?? Path.Combine(DataDirectory, "models"));

    public string ResolveTrainingDataDirectory() => Path.GetFullPath(TrainingDataDirectory ?? Path.Combine(AppContext.BaseDirectory, "ModerationData"));

    public string DatabasePath => Path.GetFullPath(Path.Combine(DataDirectory, "moderation.db"));
}
