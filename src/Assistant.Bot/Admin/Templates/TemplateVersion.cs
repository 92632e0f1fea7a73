using LiteDB;

namespace Assistant.Bot.Admin.Templates;

/// <summary>One saved version of a reply template: the text, who saved it, when and why.</summary>
public sealed class TemplateVersion
{
    public ObjectId Id { get; set; } = ObjectId.NewObjectId();

    /// <summary><c>Key/language</c>, e.g. <c>Greeting/fr</c>; indexed.</summary>
    public string Template { get; set; } = "";

    /// <summary>1, 2, …; version 0 is the file shipped in <c>prompts/</c> and is never stored.</summary>
    public int Version { get; set; }

    public string Text { get; set; } = "";

    public string SavedBy { get; set; } = "";

    public string? SavedByName { get; set; }

    public DateTime SavedAt { get; set; }

    public string Reason { get; set; } = "";

    /// <summary>Set when this version restores an earlier one's text.</summary>
    public int? RestoredFrom { get; set; }
}
