namespace Assistant.Ticketing.Customers;

/// <summary>
/// Fictional customers, loaded into an empty customer collection only when <c>Assistant:Customers:SeedDemoCustomers</c>
/// is true, so a fresh install can be tried end to end.
/// </summary>
public static class DemoCustomers
{
    public static IReadOnlyList<Customer> All { get; } =
    [
        Demo("digisense", "DGS-C1001", "Camille Martin", "camille.martin@example.com", "premium"),
        Demo("digisense", "DGS-C1002", "Lucas Bernard", "lucas.bernard@example.com", "standard"),
        Demo("digisense", "DGS-C1003", "Léa Dubois", "lea.dubois@example.com", "none"),
        Demo("digisense", "DGS-C1004", "Hugo Petit", "hugo.petit@example.com", "standard", active: false),
        Demo("icosnet", "ICN-C2001", "Amine Benali", "amine.benali@example.com", "premium"),
        Demo("icosnet", "ICN-C2002", "Sarah Haddad", "sarah.haddad@example.com", "standard"),
        Demo("icosnet", "ICN-C2003", "Yacine Mansouri", "yacine.mansouri@example.com", "none"),
        Demo("icosnet", "ICN-C2004", "Nadia Cherif", "nadia.cherif@example.com", "premium", active: false),
    ];

    /// <summary>Loads the demo set when no customer exists; returns how many were added.</summary>
    public static int SeedIfEmpty(ICustomerStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        if (store.Count() > 0)
        {
            return 0;
        }

        foreach (var customer in All)
        {
            store.Save(new Customer
            {
                OperatorId = customer.OperatorId,
                CustomerNumber = customer.CustomerNumber,
                Name = customer.Name,
                Email = customer.Email,
                ContractTier = customer.ContractTier,
                Active = customer.Active,
            });
        }

        return All.Count;
    }

    private static Customer Demo(string operatorId, string number, string name, string email, string tier, bool active = true) =>
        new()
        {
            Key = Customer.KeyOf(operatorId, number),
            OperatorId = operatorId,
            CustomerNumber = number,
            Name = name,
            Email = email,
            ContractTier = tier,
            Active = active,
        };
}
