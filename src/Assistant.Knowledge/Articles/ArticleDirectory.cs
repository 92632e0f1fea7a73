namespace Assistant.Knowledge.Articles;

/// <summary>The shipped articles: one folder per operator id, each holding <c>&lt;slug&gt;.&lt;lang&gt;.md</c> files.</summary>
public static class ArticleDirectory
{
    public static IReadOnlyList<Article> Load(string directory)
    {
        if (!Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException($"Knowledge base folder '{directory}' not found.");
        }
        var articles = new List<Article>();
        foreach (var operatorDirectory in Directory.GetDirectories(directory).Order(StringComparer.Ordinal))
        {
            var operatorId = Path.GetFileName(operatorDirectory);
            foreach (var file in Directory.GetFiles(operatorDirectory, "*.md").Order(StringComparer.Ordinal))
            {
                articles.Add(ArticleFile.Parse(operatorId, file, File.ReadAllText(file)));
            }
        }
        return articles;
    }
}
