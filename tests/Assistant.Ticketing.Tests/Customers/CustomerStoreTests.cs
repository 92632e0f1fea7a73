using Assistant.Ticketing.Customers;
using Assistant.Ticketing.Tests.Support;

namespace Assistant.Ticketing.Tests.Customers;

/// <summary>What every customer store does, run on each provider by the subclasses below.</summary>
public abstract class CustomerStoreTests(TestStorage storage) : IDisposable
{
    protected TestStorage Storage { get; } = storage;

    public void Dispose()
    {
        Storage.Dispose();
        GC.SuppressFinalize(this);
    }

    protected static Customer Camille(string tier = "premium", bool active = true) => new()
    {
        OperatorId = " Digisense ",
        CustomerNumber = " dgs-c1001 ",
        Name = "Camille Martin",
        Email = "camille.martin@example.com",
        ContractTier = tier,
        Active = active,
    };

    [Fact]
    public void A_customer_is_found_by_operator_and_number_whatever_their_case_and_spaces()
    {
        var store = Storage.CustomerStore();
        store.Save(Camille());

        var found = store.Find("DIGISENSE", "DGS-C1001 ");

        Assert.NotNull(found);
        Assert.Equal(("digisense", "DGS-C1001", "digisense:DGS-C1001"), (found.OperatorId, found.CustomerNumber, found.Key));
        Assert.Equal(("Camille Martin", "camille.martin@example.com", "premium", true), (found.Name, found.Email, found.ContractTier, found.Active));
        Assert.Null(store.Find("icosnet", "DGS-C1001"));
    }

    [Fact]
    public void Saving_the_same_customer_again_replaces_it_and_survives_a_restart()
    {
        var store = Storage.CustomerStore();
        store.Save(Camille());
        store.Save(Camille(tier: "standard", active: false));

        Storage.Reopen();
        var reopened = Storage.CustomerStore();

        Assert.Equal(1, reopened.Count());
        var found = reopened.Find("digisense", "DGS-C1001")!;
        Assert.Equal(("standard", false), (found.ContractTier, found.Active));
    }

    [Fact]
    public void Customers_are_listed_per_operator_by_number_and_the_demo_set_loads_once()
    {
        var store = Storage.CustomerStore();
        Assert.Equal(DemoCustomers.All.Count, DemoCustomers.SeedIfEmpty(store));
        Assert.Equal(0, DemoCustomers.SeedIfEmpty(store));

        var digisense = store.ListByOperator("Digisense");

        Assert.Equal(DemoCustomers.All.Count(c => c.OperatorId == "digisense"), digisense.Count);
        Assert.Equal(digisense.Select(c => c.CustomerNumber).Order(StringComparer.Ordinal), digisense.Select(c => c.CustomerNumber));
        Assert.All(digisense, c => Assert.Equal("digisense", c.OperatorId));
        Assert.Equal(DemoCustomers.All.Count, store.Count());
    }
}

public sealed class LiteDbCustomerStoreTests() : CustomerStoreTests(new LiteDbTestStorage());

public sealed class PostgresCustomerStoreTests() : CustomerStoreTests(new PostgresTestStorage())
{
    [Fact]
    public void A_customer_imported_on_one_instance_is_found_by_another()
    {
        var there = new PostgresCustomerStore(((PostgresTestStorage)Storage).OpenInstance());
        var here = Storage.CustomerStore();
        Assert.Null(here.Find("digisense", "DGS-C1001"));

        there.Save(Camille());

        Assert.Equal("Camille Martin", here.Find("digisense", "DGS-C1001")?.Name);
    }
}
