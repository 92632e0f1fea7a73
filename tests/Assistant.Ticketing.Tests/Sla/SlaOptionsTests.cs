using Assistant.Ticketing.Sla;

namespace Assistant.Ticketing.Tests.Sla;

public class SlaOptionsTests
{
    [Fact]
    public void The_built_in_table_covers_every_priority_and_tier_and_is_valid()
    {
        var options = new SlaOptions { Rules = [.. SlaOptions.Defaults] };

        Assert.Empty(options.Validate());
        Assert.Equal(Taxonomy.Priorities.Count * Taxonomy.ContractTiers.Count, SlaOptions.Defaults.Select(r => (r.Priority, r.Tier)).Distinct().Count());
    }

    [Theory]
    [InlineData("Urgent", "premium", "1h", "4h", "Priority")]
    [InlineData("urgent", "gold", "1h", "4h", "Tier")]
    [InlineData("urgent", "premium", "90m", "4h", "'4h'")]
    [InlineData("urgent", "premium", "3d", "4h", "cannot be longer")]
    public void A_bad_rule_is_reported_with_what_to_fix(string priority, string tier, string first, string resolution, string expected)
    {
        var options = new SlaOptions { Rules = [new SlaRule { Priority = priority, Tier = tier, FirstResponse = first, Resolution = resolution }] };

        Assert.Contains(options.Validate(), error => error.Contains(expected, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("4h", 4, SlaUnit.BusinessHours)]
    [InlineData(" 10D ", 10, SlaUnit.BusinessDays)]
    public void Targets_parse_hours_and_days(string text, int amount, SlaUnit unit)
    {
        Assert.True(SlaTarget.TryParse(text, out var target));
        Assert.Equal(new SlaTarget(amount, unit), target);
        Assert.Equal(target, SlaTarget.FromTimeSpan(target.ToTimeSpan()));
    }
}
