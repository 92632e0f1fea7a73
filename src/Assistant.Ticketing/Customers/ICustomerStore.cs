using Assistant.Ticketing.Storage;

namespace Assistant.Ticketing.Customers;

public interface ICustomerStore
{
    Customer? Find(string operatorId, string customerNumber);

    IReadOnlyList<Customer> ListByOperator(string operatorId);

    /// <summary>Adds or replaces the customer with the same operator and number.</summary>
    void Save(Customer customer);

    int Count();
}

public sealed class LiteDbCustomerStore(TicketingDatabase database) : ICustomerStore
{
    public Customer? Find(string operatorId, string customerNumber) =>
        database.Customers.FindById(Customer.KeyOf(operatorId, customerNumber));

    public IReadOnlyList<Customer> ListByOperator(string operatorId)
    {
        var id = operatorId.ToLowerInvariant();
        return database.Customers.Find(c => c.OperatorId == id).OrderBy(c => c.CustomerNumber, StringComparer.Ordinal).ToList();
    }

    public void Save(Customer customer)
    {
        ArgumentNullException.ThrowIfNull(customer);
        customer.Normalize();
        database.Customers.Upsert(customer);
    }

    public int Count() => database.Customers.Count();
}
