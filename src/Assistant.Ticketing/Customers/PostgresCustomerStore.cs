using Npgsql;

namespace Assistant.Ticketing.Customers;

/// <summary>Customers in the <c>customers</c> table, keyed by operator and customer number.</summary>
public sealed class PostgresCustomerStore(NpgsqlDataSource dataSource) : ICustomerStore
{
    private const string Columns = "operator_id, customer_number, name, email, contract_tier, active";

    public Customer? Find(string operatorId, string customerNumber)
    {
        var wanted = new Customer { OperatorId = operatorId, CustomerNumber = customerNumber };
        wanted.Normalize();
        using var command = dataSource.CreateCommand($"SELECT {Columns} FROM customers WHERE operator_id = @operator_id AND customer_number = @customer_number");
        command.Parameters.AddWithValue("operator_id", wanted.OperatorId);
        command.Parameters.AddWithValue("customer_number", wanted.CustomerNumber);
        return Read(command).FirstOrDefault();
    }

    public IReadOnlyList<Customer> ListByOperator(string operatorId)
    {
        // Byte order of UTF-8 text, as the LiteDB store's ordinal sort.
        using var command = dataSource.CreateCommand($"SELECT {Columns} FROM customers WHERE operator_id = @operator_id ORDER BY customer_number COLLATE \"C\"");
        command.Parameters.AddWithValue("operator_id", operatorId.ToLowerInvariant());
        return Read(command);
    }

    public void Save(Customer customer)
    {
        ArgumentNullException.ThrowIfNull(customer);
        customer.Normalize();
        using var command = dataSource.CreateCommand($"""
            INSERT INTO customers ({Columns}) VALUES (@operator_id, @customer_number, @name, @email, @contract_tier, @active)
            ON CONFLICT (operator_id, customer_number) DO UPDATE
            SET name = EXCLUDED.name, email = EXCLUDED.email, contract_tier = EXCLUDED.contract_tier, active = EXCLUDED.active
            """);
        command.Parameters.AddWithValue("operator_id", customer.OperatorId);
        command.Parameters.AddWithValue("customer_number", customer.CustomerNumber);
        command.Parameters.AddWithValue("name", customer.Name);
        command.Parameters.AddWithValue("email", customer.Email);
        command.Parameters.AddWithValue("contract_tier", customer.ContractTier);
        command.Parameters.AddWithValue("active", customer.Active);
        command.ExecuteNonQuery();
    }

    public int Count()
    {
        using var command = dataSource.CreateCommand("SELECT count(*) FROM customers");
        return (int)(long)command.ExecuteScalar()!;
    }

    private static List<Customer> Read(NpgsqlCommand command)
    {
        using var reader = command.ExecuteReader();
        var customers = new List<Customer>();
        while (reader.Read())
        {
            var customer = new Customer
            {
                OperatorId = reader.GetString(0),
                CustomerNumber = reader.GetString(1),
                Name = reader.GetString(2),
                Email = reader.GetString(3),
                ContractTier = reader.GetString(4),
                Active = reader.GetBoolean(5),
            };
            customer.Key = Customer.KeyOf(customer.OperatorId, customer.CustomerNumber);
            customers.Add(customer);
        }

        return customers;
    }
}
