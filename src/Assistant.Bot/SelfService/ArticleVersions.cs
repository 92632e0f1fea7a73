using Assistant.Bot.Storage;
using Assistant.Knowledge.Articles;
using LiteDB;

namespace Assistant.Bot.SelfService;

/// <summary>One saved text of an article in one language (a draft until it is published).</summary>
public sealed class ArticleVersion
{
    public int Id { get; set; }
    /// <summary><c>operator/slug/lang</c>.</summary>
    public string Article { get; set; } = "";
    public int Version { get; set; }
    public string Title { get; set; } = "";
    public string Body { get; set; } = "";
    public List<string> Products { get; set; } = [];
    public List<string> Categories { get; set; } = [];
    public List<string> Tags { get; set; } = [];
    public string Link { get; set; } = "";
    public DateTimeOffset SavedAt { get; set; }
    public string SavedBy { get; set; } = "";
    public string? SavedByName { get; set; }
    public string Reason { get; set; } = "";
    /// <summary>Set when this version copies an earlier one (0: the shipped file).</summary>
    public int? RestoredFrom { get; set; }

    public Article ToArticle(string operatorId, string slug, string language) =>
        new(operatorId, slug, language, Title, Body, Products, Categories, Tags, Link, DateOnly.FromDateTime(SavedAt.UtcDateTime));
}

/// <summary>Which text of an article is served: a saved version, the shipped file (0), or none (unpublished, -1).</summary>
public sealed class ArticlePublication
{
    public const int Shipped = 0;
    public const int Unpublished = -1;

    /// <summary><c>operator/slug/lang</c>.</summary>
    public string Id { get; set; } = "";
    public int Version { get; set; }
}

/// <summary>Admins' article versions and publications, in <c>assistant.db</c>.</summary>
public sealed class ArticleVersions
{
    private readonly ILiteCollection<ArticleVersion> _versions;
    private readonly ILiteCollection<ArticlePublication> _publications;
    private readonly Assistant.Ticketing.Storage.CommitQueue _commits;
    private readonly Lock _gate = new();

    public ArticleVersions(BotDatabase database)
    {
        _versions = database.Database.GetCollection<ArticleVersion>("article_versions");
        _versions.EnsureIndex(v => v.Article);
        _publications = database.Database.GetCollection<ArticlePublication>("article_publications");
        _commits = database.Commits;
    }

    public static string Key(string operatorId, string slug, string language) => $"{operatorId}/{slug}/{language}";

    /// <summary>Newest first.</summary>
    public IReadOnlyList<ArticleVersion> History(string key) => [.. _versions.Find(v => v.Article == key).OrderByDescending(v => v.Version)];

    public ArticleVersion? Find(string key, int version) => _versions.FindOne(v => v.Article == key && v.Version == version);

    public IReadOnlyList<ArticlePublication> Publications() => [.. _publications.FindAll()];

    public ArticlePublication? Publication(string key) => _publications.FindById(key);

    public async Task<ArticleVersion> AddAsync(ArticleVersion version)
    {
        lock (_gate)
        {
            version.Version = _versions.Find(v => v.Article == version.Article).Select(v => v.Version).DefaultIfEmpty(0).Max() + 1;
        }
        await _commits.WriteAsync(_ => _versions.Insert(version));
        return version;
    }

    public Task PublishAsync(string key, int version) =>
        _commits.WriteAsync(_ => _publications.Upsert(new ArticlePublication { Id = key, Version = version }));
}
