namespace Assistant.Bot.Admin.Templates;

/// <summary>The saved versions of reply templates in <c>admin.db</c>; the highest version of a template is the one served.</summary>
public sealed class TemplateVersions(AdminDatabase database, TimeProvider time)
{
    private readonly Lock _gate = new();

    public static string Name(string key, string language) => $"{key}/{language}";

    /// <summary>Newest first.</summary>
    public IReadOnlyList<TemplateVersion> History(string key, string language)
    {
        var name = Name(key, language);
        return database.TemplateVersions.Find(v => v.Template == name).OrderByDescending(v => v.Version).ToList();
    }

    public TemplateVersion? Find(string key, string language, int version)
    {
        var name = Name(key, language);
        return database.TemplateVersions.FindOne(v => v.Template == name && v.Version == version);
    }

    /// <summary>The version served for each template that has one.</summary>
    public IReadOnlyList<TemplateVersion> Latest() =>
        database.TemplateVersions.FindAll()
            .GroupBy(v => v.Template, StringComparer.Ordinal)
            .Select(g => g.MaxBy(v => v.Version)!)
            .ToList();

    public TemplateVersion Add(string key, string language, string text, string savedBy, string? savedByName, string reason, int? restoredFrom = null)
    {
        lock (_gate)
        {
            var name = Name(key, language);
            var last = database.TemplateVersions.Find(v => v.Template == name).Select(v => v.Version).DefaultIfEmpty(0).Max();
            var version = new TemplateVersion
            {
                Template = name,
                Version = last + 1,
                Text = text,
                SavedBy = savedBy,
                SavedByName = savedByName,
                SavedAt = time.GetUtcNow().UtcDateTime,
                Reason = reason,
                RestoredFrom = restoredFrom,
            };
            database.TemplateVersions.Insert(version);
            return version;
        }
    }
}
