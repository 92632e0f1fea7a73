namespace Assistant.Ticketing.Customers;

/// <summary>A customer on file with an operator, and the contract that gives them priority service.</summary>
public sealed class Customer
{
    /// <summary>Storage key: <c>operatorId:customerNumber</c>.</summary>
    public string Key { get; set; } = "";
    public string OperatorId { get; set; } = "";
    public string CustomerNumber { get; set; } = "";
    public string Name { get; set; } = "";
    public string Email { get; set; } = "";
    /// <summary><c>none</c>, <c>standard</c> or <c>premium</c>.</summary>
    public string ContractTier { get; set; } = "none";
    public bool Active { get; set; } = true;

    /// <summary>Operator lower-case, number upper-case, both trimmed, and the key that follows: how every store keeps a customer.</summary>
    internal void Normalize()
    {
        OperatorId = OperatorId.Trim().ToLowerInvariant();
        CustomerNumber = CustomerNumber.Trim().ToUpperInvariant();
        Key = KeyOf(OperatorId, CustomerNumber);
    }

    public static string KeyOf(string operatorId, string customerNumber) =>
        $"{operatorId.Trim().ToLowerInvariant()}:{customerNumber.Trim().ToUpperInvariant()}";
}
