using System.ComponentModel.DataAnnotations;

namespace Assistant.Bot.Hosting;

/// <summary>The <c>Assistant</c> section.</summary>
public sealed class AssistantOptions
{
    public const string SectionName = "Assistant";

    /// <summary>Where LiteDB files, logs, uploads and trained models live.</summary>
    [Required]
    public string DataDirectory { get; set; } = "data";

    /// <summary>The operator served at <c>/</c>.</summary>
    [Required]
    public string DefaultOperator { get; set; } = "digisense";

    /// <summary>Prompts and reply templates; by default the <c>prompts/</c> folder copied beside the binaries.</summary>
    public string? PromptsDirectory { get; set; }

    public string ResolvePromptsDirectory() =>
        string.IsNullOrWhiteSpace(PromptsDirectory) ? Path.Combine(AppContext.BaseDirectory, "prompts") : Path.GetFullPath(PromptsDirectory);
}
