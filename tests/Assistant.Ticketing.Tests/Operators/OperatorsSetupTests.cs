using Assistant.Ticketing.Operators;
using Microsoft.Extensions.Configuration;

namespace Assistant.Ticketing.Tests.Operators;

public class OperatorsSetupTests
{
    private static IConfiguration Config(Dictionary<string, string?> values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values).Build();

    [Fact]
    public void Without_configuration_the_two_operators_of_the_seeds_are_served()
    {
        var catalog = OperatorsSetup.FromConfiguration(Config([]));

        Assert.Equal(["digisense", "icosnet"], catalog.All.Select(o => o.Id).Order());
        Assert.Equal("DGS", catalog.Find("DIGISENSE")!.ReferencePrefix);
    }

    [Fact]
    public void A_configured_entry_overrides_only_the_keys_it_sets()
    {
        var catalog = OperatorsSetup.FromConfiguration(Config(new()
        {
            ["Assistant:Operators:0:Id"] = "icosnet",
            ["Assistant:Operators:0:CguVersion"] = "2026-07",
            ["Assistant:Operators:0:Products:0"] = "ibox",
        }));

        var icosnet = catalog.Find("icosnet")!;
        Assert.Equal("2026-07", icosnet.CguVersion);
        Assert.Equal(["ibox"], icosnet.Products);
        Assert.Equal("ICN", icosnet.ReferencePrefix);
        Assert.Equal(5, icosnet.BusinessHours.Count);
    }

    [Fact]
    public void A_new_entry_adds_an_operator()
    {
        var catalog = OperatorsSetup.FromConfiguration(Config(new()
        {
            ["Assistant:Operators:0:Id"] = "acme",
            ["Assistant:Operators:0:Name"] = "Acme",
            ["Assistant:Operators:0:ReferencePrefix"] = "ACM",
            ["Assistant:Operators:0:CguVersion"] = "1",
            ["Assistant:Operators:0:SanctionClause"] = "Acme terms, 4",
            ["Assistant:Operators:0:Products:0"] = "other",
            ["Assistant:Operators:0:BusinessHours:0:Day"] = "Monday",
            ["Assistant:Operators:0:BusinessHours:0:Opens"] = "10:00",
            ["Assistant:Operators:0:BusinessHours:0:Closes"] = "12:00",
        }));

        Assert.Equal(3, catalog.All.Count);
        Assert.Equal(new TimeOnly(10, 0), catalog.Find("acme")!.BusinessHours.Single().Opens);
    }

    [Fact]
    public void A_bad_setting_fails_with_a_message_naming_it()
    {
        var error = Assert.Throws<InvalidOperationException>(() => OperatorsSetup.FromConfiguration(Config(new()
        {
            ["Assistant:Operators:0:Id"] = "digisense",
            ["Assistant:Operators:0:ReferencePrefix"] = "dgs1",
            ["Assistant:Operators:0:TimeZone"] = "Mars/Olympus",
            ["Assistant:Operators:0:SanctionClause"] = " ",
        })));

        Assert.Contains("ReferencePrefix", error.Message, StringComparison.Ordinal);
        Assert.Contains("SanctionClause", error.Message, StringComparison.Ordinal);
        Assert.Contains("Mars/Olympus", error.Message, StringComparison.Ordinal);
    }
}
