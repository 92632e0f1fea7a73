using Assistant.Knowledge.Articles;

namespace Assistant.Knowledge.Tests;

public class ArticleFileTests
{
    private const string Valid = """
        ---
        title: Titre
        products: vroom
        categories: question
        tags: a, b
        link: https://apps.icosnet.com/aide/x
        updated: 2026-11-20
        ---
        Corps.
        """;

    [Fact]
    public void A_valid_file_gives_its_fields()
    {
        var article = ArticleFile.Parse("icosnet", "x.fr.md", Valid);
        Assert.Equal("icosnet/x", article.Id);
        Assert.Equal("fr", article.Language);
        Assert.Equal(["a", "b"], article.Tags);
        Assert.Equal("Corps.", article.Body);
    }

    [Theory]
    [InlineData("x.md", "name must be")]
    [InlineData("x.de.md", "name must be")]
    public void A_bad_file_name_is_refused_with_the_reason(string name, string reason) =>
        Assert.Contains(reason, Assert.Throws<FormatException>(() => ArticleFile.Parse("icosnet", name, Valid)).Message, StringComparison.Ordinal);

    [Theory]
    [InlineData("link: https://apps.icosnet.com/aide/x", "link: http://insecure.example", "'link' must be an https address")]
    [InlineData("updated: 2026-11-20", "updated: hier", "'updated' must be a date")]
    [InlineData("title: Titre\n", "", "has no 'title'")]
    public void A_bad_front_matter_names_the_file_and_the_field(string field, string replacement, string reason)
    {
        var error = Assert.Throws<FormatException>(() => ArticleFile.Parse("icosnet", "x.fr.md", Valid.Replace(field, replacement, StringComparison.Ordinal)));
        Assert.StartsWith("x.fr.md", error.Message, StringComparison.Ordinal);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_shipped_article_parses_exists_in_both_languages_and_uses_taxonomy_ids()
    {
        var articles = ArticleDirectory.Load(Paths.KnowledgeBase);
        Assert.InRange(articles.Count, 25, 60);
        string[] products = ["vroom", "ibox", "client-space", "other"];
        string[] categories = ["incident", "access", "billing", "order", "complaint", "question"];
        Assert.All(articles, a =>
        {
            Assert.Contains(a.OperatorId, new[] { "digisense", "icosnet" });
            Assert.All(a.Products, p => Assert.Contains(p, products));
            Assert.All(a.Categories, c => Assert.Contains(c, categories));
        });
        foreach (var topic in articles.GroupBy(a => a.Id))
        {
            Assert.Equal(["en", "fr"], topic.Select(a => a.Language).Order(StringComparer.Ordinal));
        }
    }
}
