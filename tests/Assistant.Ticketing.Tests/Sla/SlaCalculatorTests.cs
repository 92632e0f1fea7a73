using Assistant.Ticketing.Operators;
using Assistant.Ticketing.Sla;
using Microsoft.Extensions.Options;

namespace Assistant.Ticketing.Tests.Sla;

public class SlaCalculatorTests
{
    private static SlaCalculator Calculator(params SlaRule[] rules) =>
        new(Options.Create(new SlaOptions { Rules = [.. rules] }), OperatorCatalog.Defaults());

    [Theory]
    [InlineData("urgent", "premium", "1h", "4h")]
    [InlineData("urgent", "none", "4h", "2d")]
    [InlineData("normal", "standard", "8h", "3d")]
    [InlineData("low", "none", "3d", "10d")]
    public void Targets_come_from_priority_and_contract_tier(string priority, string tier, string firstResponse, string resolution)
    {
        var targets = Calculator().Targets(priority, tier);

        Assert.Equal(firstResponse, targets.FirstResponse.ToString());
        Assert.Equal(resolution, targets.Resolution.ToString());
    }

    [Fact]
    public void A_better_contract_never_gets_a_slower_promise()
    {
        var calculator = Calculator();
        foreach (var priority in Taxonomy.Priorities)
        {
            var none = calculator.Targets(priority, "none");
            var standard = calculator.Targets(priority, "standard");
            var premium = calculator.Targets(priority, "premium");
            Assert.True(premium.FirstResponse.ToTimeSpan() <= standard.FirstResponse.ToTimeSpan() && standard.FirstResponse.ToTimeSpan() <= none.FirstResponse.ToTimeSpan(), priority);
            Assert.True(premium.Resolution.ToTimeSpan() <= standard.Resolution.ToTimeSpan() && standard.Resolution.ToTimeSpan() <= none.Resolution.ToTimeSpan(), priority);
        }
    }

    [Fact]
    public void Due_times_are_counted_in_business_hours()
    {
        // Monday 23 November 2026 17:30 Paris, urgent for a premium customer: 1h → Tuesday 9:30, 4h → Tuesday 12:30.
        var promise = Calculator().Promise("digisense", "urgent", "premium", new DateTimeOffset(2026, 11, 23, 16, 30, 0, TimeSpan.Zero));

        Assert.Equal(TimeSpan.FromHours(1), promise.FirstResponseTarget);
        Assert.Equal(TimeSpan.FromHours(4), promise.ResolutionTarget);
        Assert.Equal(new DateTimeOffset(2026, 11, 24, 8, 30, 0, TimeSpan.Zero), promise.FirstResponseDue);
        Assert.Equal(new DateTimeOffset(2026, 11, 24, 11, 30, 0, TimeSpan.Zero), promise.ResolutionDue);
    }

    [Fact]
    public void Due_times_in_business_days_skip_easter_monday()
    {
        // Thursday 2 April 2026 10:00 Paris, low priority without contract: 3 business days → Wednesday 8 April 10:00.
        var promise = Calculator().Promise("digisense", "low", "none", new DateTimeOffset(2026, 4, 2, 8, 0, 0, TimeSpan.Zero));

        Assert.Equal(new DateTimeOffset(2026, 4, 8, 8, 0, 0, TimeSpan.Zero), promise.FirstResponseDue);
        Assert.Equal(TimeSpan.FromDays(3), promise.FirstResponseTarget);
    }

    [Fact]
    public void A_configured_rule_overrides_its_cell_only()
    {
        var calculator = Calculator(new SlaRule { Priority = "high", Tier = "premium", FirstResponse = "1h", Resolution = "6h" });

        Assert.Equal("6h", calculator.Targets("high", "premium").Resolution.ToString());
        Assert.Equal("4h", calculator.Targets("high", "standard").FirstResponse.ToString());
    }

    [Fact]
    public void Targets_read_as_indicative_words_in_french_and_english()
    {
        var targets = Calculator().Targets("normal", "none");

        Assert.Equal("première réponse sous 1 jour ouvré, résolution visée sous 5 jours ouvrés", targets.Describe("fr"));
        Assert.Equal("first response within 1 business day, resolution targeted within 5 business days", targets.Describe("en"));
    }

    [Fact]
    public void An_unknown_operator_is_refused()
    {
        Assert.Throws<ArgumentException>(() => Calculator().Promise("nobody", "low", "none", DateTimeOffset.UtcNow));
    }
}
