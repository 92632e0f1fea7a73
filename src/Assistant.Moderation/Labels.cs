namespace Assistant.Moderation;

/// <summary>The taxonomy of DESIGN.md; outside checks and the admin console rely on these exact strings.</summary>
public static class Labels
{
    public const string Ok = "ok";
    public const string Abusive = "abusive";
    public const string Offtopic = "offtopic";

    public static readonly IReadOnlyList<string> Moderation = [Ok, Abusive, Offtopic];
    public static readonly IReadOnlyList<string> Priorities = ["low", "normal", "high", "urgent"];
    public static readonly IReadOnlyList<string> Categories = ["incident", "access", "billing", "order", "complaint", "question"];
    public static readonly IReadOnlyList<string> Products = ["vroom", "ibox", "client-space", "other"];

    public const string Urgent = "urgent";
}
