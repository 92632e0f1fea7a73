namespace Assistant.Knowledge.Articles;

/// <summary>
/// One help article in one language. The same <see cref="Slug"/> in French and English is the same article:
/// <see cref="Id"/> (<c>operator/slug</c>) names it in the evaluation set, in the outcomes and on tickets.
/// </summary>
/// <param name="Products">Taxonomy product ids (<c>vroom</c>, <c>ibox</c>, <c>client-space</c>, <c>other</c>).</param>
/// <param name="Categories">Taxonomy category ids (<c>incident</c>, <c>access</c>, <c>billing</c>, ...).</param>
/// <param name="Body">Markdown.</param>
public sealed record Article(
    string OperatorId,
    string Slug,
    string Language,
    string Title,
    string Body,
    IReadOnlyList<string> Products,
    IReadOnlyList<string> Categories,
    IReadOnlyList<string> Tags,
    string Link,
    DateOnly Updated)
{
    public string Id => $"{OperatorId}/{Slug}";
}

public static class ArticleLanguages
{
    public const string French = "fr";
    public const string English = "en";

    public static bool IsKnown(string language) => language is French or English;
}
