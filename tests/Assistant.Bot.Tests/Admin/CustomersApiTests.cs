using Assistant.Ticketing.Customers;

namespace Assistant.Bot.Tests.Admin;

/// <summary>
/// Where customers come from: nowhere by default (no fictional customer may verify on a real deployment), the demo set
/// when <c>Assistant:Customers:SeedDemoCustomers</c> asks for it.
/// </summary>
public sealed class CustomersApiTests : IDisposable
{
    private readonly AdminHost _host = new();

    public void Dispose() => _host.Dispose();

    [Fact]
    public void A_default_start_has_no_customers()
    {
        Assert.Equal(0, _host.Service<ICustomerStore>().Count());
        Assert.False(_host.Service<ICustomerVerifier>().Verify("digisense", "dl_someone", "DGS-C1001", "camille.martin@example.com").IsVerified);
    }

    [Fact]
    public void The_demo_switch_loads_the_fictional_customers()
    {
        using var demo = new AdminHost(new Dictionary<string, string?> { ["Assistant:Customers:SeedDemoCustomers"] = "true" });

        Assert.Equal(DemoCustomers.All.Count, demo.Service<ICustomerStore>().Count());
        var camille = demo.Service<ICustomerVerifier>().Verify("digisense", "dl_someone", "DGS-C1001", "camille.martin@example.com");
        Assert.Equal("premium", camille.ContractTier);
    }
}
