namespace Assistant.Ticketing;

/// <summary>The stable values of DESIGN.md. Outside checks and the consoles rely on these exact strings.</summary>
public static class Taxonomy
{
    public static readonly IReadOnlyList<string> Priorities = ["low", "normal", "high", "urgent"];
    public static readonly IReadOnlyList<string> Categories = ["incident", "access", "billing", "order", "complaint", "question"];
    public static readonly IReadOnlyList<string> Products = ["vroom", "ibox", "client-space", "other"];
    public static readonly IReadOnlyList<string> Statuses = ["new", "open", "pending", "resolved", "closed", "quarantined"];
    public static readonly IReadOnlyList<string> ContractTiers = ["none", "standard", "premium"];

    public static bool IsPriority(string? value) => Contains(Priorities, value);
    public static bool IsCategory(string? value) => Contains(Categories, value);
    public static bool IsProduct(string? value) => Contains(Products, value);
    public static bool IsStatus(string? value) => Contains(Statuses, value);
    public static bool IsContractTier(string? value) => Contains(ContractTiers, value);

    // Values are compared exactly: "Urgent" is not a taxonomy value, and storing it would break the consoles' filters.
    private static bool Contains(IReadOnlyList<string> values, string? value) =>
        value is not null && values.Contains(value, StringComparer.Ordinal);
}
