namespace Assistant.Ticketing.Sla;

/// <summary>
/// The <c>Assistant:Sla</c> section: targets per priority × contract tier. Configured rules override the
/// matching cells of the built-in table; cells not configured keep their defaults.
/// </summary>
public sealed class SlaOptions
{
    public const string SectionName = "Assistant:Sla";

    public List<SlaRule> Rules { get; set; } = [];

    /// <summary>The built-in table: (priority, tier) → (first response, resolution).</summary>
    public static readonly IReadOnlyList<SlaRule> Defaults =
    [
        new() { Priority = "urgent", Tier = "premium", FirstResponse = "1h", Resolution = "4h" },
        new() { Priority = "urgent", Tier = "standard", FirstResponse = "2h", Resolution = "8h" },
        new() { Priority = "urgent", Tier = "none", FirstResponse = "4h", Resolution = "2d" },
        new() { Priority = "high", Tier = "premium", FirstResponse = "2h", Resolution = "8h" },
        new() { Priority = "high", Tier = "standard", FirstResponse = "4h", Resolution = "2d" },
        new() { Priority = "high", Tier = "none", FirstResponse = "8h", Resolution = "3d" },
        new() { Priority = "normal", Tier = "premium", FirstResponse = "4h", Resolution = "2d" },
        new() { Priority = "normal", Tier = "standard", FirstResponse = "8h", Resolution = "3d" },
        new() { Priority = "normal", Tier = "none", FirstResponse = "1d", Resolution = "5d" },
        new() { Priority = "low", Tier = "premium", FirstResponse = "8h", Resolution = "3d" },
        new() { Priority = "low", Tier = "standard", FirstResponse = "1d", Resolution = "5d" },
        new() { Priority = "low", Tier = "none", FirstResponse = "3d", Resolution = "10d" },
    ];

    public IEnumerable<string> Validate()
    {
        foreach (var rule in Rules)
        {
            var cell = $"rule ({rule.Priority}, {rule.Tier})";
            if (!Taxonomy.IsPriority(rule.Priority))
            {
                yield return $"{cell}: Priority must be one of {string.Join(", ", Taxonomy.Priorities)}";
            }

            if (!Taxonomy.IsContractTier(rule.Tier))
            {
                yield return $"{cell}: Tier must be one of {string.Join(", ", Taxonomy.ContractTiers)}";
            }

            var firstOk = SlaTarget.TryParse(rule.FirstResponse, out var first);
            var resolutionOk = SlaTarget.TryParse(rule.Resolution, out var resolution);
            if (!firstOk || !resolutionOk)
            {
                yield return $"{cell}: FirstResponse and Resolution must read like '4h' (1-23 business hours) or '3d' (1-60 business days)";
            }
            else if (first.ToTimeSpan() > resolution.ToTimeSpan())
            {
                yield return $"{cell}: FirstResponse ({first}) cannot be longer than Resolution ({resolution})";
            }
        }
    }
}

public sealed class SlaRule
{
    public string Priority { get; set; } = "";
    public string Tier { get; set; } = "";
    /// <summary><c>4h</c> (business hours) or <c>2d</c> (business days).</summary>
    public string FirstResponse { get; set; } = "";
    public string Resolution { get; set; } = "";
}
