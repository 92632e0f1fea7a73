using Assistant.Knowledge.Articles;
using Assistant.Knowledge.Retrieval;

namespace Assistant.Bot.SelfService;

/// <summary>
/// The articles served: the shipped files, with what admins published over them (a saved version instead of the file,
/// an article of their own, or none when unpublished). Every publication rebuilds the knowledge base's indexes, so the
/// next question already gets the new text.
/// </summary>
public sealed class ArticleCatalog(IReadOnlyList<Article> shipped, ArticleVersions versions)
{
    public IReadOnlyList<Article> Shipped => shipped;

    public Article? ShippedArticle(string operatorId, string slug, string language) =>
        shipped.FirstOrDefault(a => a.OperatorId == operatorId && a.Slug == slug && a.Language == language);

    public IReadOnlyList<Article> Served()
    {
        var served = shipped.ToDictionary(a => ArticleVersions.Key(a.OperatorId, a.Slug, a.Language), StringComparer.Ordinal);
        foreach (var publication in versions.Publications())
        {
            var parts = publication.Id.Split('/');
            if (publication.Version == ArticlePublication.Unpublished)
            {
                served.Remove(publication.Id);
            }
            else if (publication.Version > 0 && versions.Find(publication.Id, publication.Version) is { } version && parts.Length == 3)
            {
                served[publication.Id] = version.ToArticle(parts[0], parts[1], parts[2]);
            }
            else if (publication.Version == ArticlePublication.Shipped && ShippedArticle(parts[0], parts[1], parts[2]) is { } file)
            {
                served[publication.Id] = file;
            }
        }
        return [.. served.Values.OrderBy(a => a.Id, StringComparer.Ordinal).ThenBy(a => a.Language, StringComparer.Ordinal)];
    }

    public void Refresh(KnowledgeBase knowledge) => knowledge.Replace(Served());
}
