namespace Assistant.Moderation.Training;

/// <summary>The four classifiers of a model set; each is a file <c>&lt;kind&gt;.zip</c> in the version folder.</summary>
public static class ModelKinds
{
    public const string Moderation = "moderation";
    public const string Priority = "priority";
    public const string Category = "category";
    public const string Product = "product";

    public static readonly IReadOnlyList<string> All = [Moderation, Priority, Category, Product];
}
