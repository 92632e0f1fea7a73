using System.Net.Mail;
using System.Text.RegularExpressions;
using Assistant.Ticketing.Operators;

namespace Assistant.Ticketing.Customers;

/// <summary>One customer of an import, as an operator's own list (e.g. a CRM export) gives it.</summary>
/// <param name="Active">False ends the contract: the customer no longer verifies. Left out: true.</param>
public sealed record CustomerRow(string? OperatorId, string? CustomerNumber, string? Name, string? Email, string? ContractTier, bool? Active = null);

/// <summary>
/// Loads an operator's customers. Every row is checked before any is saved, and one bad row refuses the whole import,
/// so a list is never half loaded. A row adds a customer or replaces the one with the same operator and number.
/// </summary>
public sealed partial class CustomerImport(ICustomerStore customers, IOperatorCatalog operators)
{
    public const int MaxRows = 10_000;

    /// <param name="Added">Customers that were not on file.</param>
    /// <param name="Updated">Customers on file that the import replaced.</param>
    /// <param name="PerOperator">How many rows each operator got.</param>
    public sealed record Result(int Added, int Updated, IReadOnlyDictionary<string, int> PerOperator);

    /// <summary>The problems of each bad row, keyed <c>customers[index].field</c>; empty when all rows can be saved.</summary>
    public IReadOnlyDictionary<string, string[]> Validate(IReadOnlyList<CustomerRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var firstRowOf = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            if (row is null)
            {
                Add(i, "operatorId", "A row is a customer object, not null.");
                continue;
            }

            if (operators.Find(row.OperatorId?.Trim() ?? "") is null)
            {
                Add(i, "operatorId", $"'{row.OperatorId}' is not an operator of this deployment ({string.Join(", ", operators.All.Select(o => o.Id))}).");
            }

            if (!NumberPattern().IsMatch(row.CustomerNumber?.Trim() ?? ""))
            {
                Add(i, "customerNumber", "A customer number is 1 to 40 letters, digits or dashes.");
            }
            else if (row.OperatorId is not null && !firstRowOf.TryAdd(Customer.KeyOf(row.OperatorId, row.CustomerNumber!), i))
            {
                Add(i, "customerNumber", $"Already in row {firstRowOf[Customer.KeyOf(row.OperatorId, row.CustomerNumber!)]} of this import.");
            }

            if (string.IsNullOrWhiteSpace(row.Name) || row.Name.Length > 200 || row.Name.Any(char.IsControl))
            {
                Add(i, "name", "A name is required: one line, at most 200 characters.");
            }

            if (!IsEmail(row.Email))
            {
                Add(i, "email", "An e-mail address is required (name@domain).");
            }

            if (!Taxonomy.IsContractTier(row.ContractTier))
            {
                Add(i, "contractTier", $"A contract tier is one of {string.Join(", ", Taxonomy.ContractTiers)}.");
            }
        }

        return errors;

        void Add(int index, string field, string message) => errors[$"customers[{index}].{field}"] = [message];
    }

    /// <summary>Saves valid rows; throws <see cref="ArgumentException"/> and saves nothing when <see cref="Validate"/> finds a problem.</summary>
    public Result Import(IReadOnlyList<CustomerRow> rows)
    {
        var errors = Validate(rows);
        if (errors.Count > 0)
        {
            throw new ArgumentException($"{errors.Count} problem(s) in the import, first: {errors.First().Key} {errors.First().Value[0]}", nameof(rows));
        }

        var (added, updated) = (0, 0);
        foreach (var row in rows)
        {
            var customer = new Customer
            {
                OperatorId = row.OperatorId!,
                CustomerNumber = row.CustomerNumber!,
                Name = row.Name!.Trim(),
                Email = row.Email!.Trim(),
                ContractTier = row.ContractTier!,
                Active = row.Active ?? true,
            };
            if (customers.Find(customer.OperatorId.Trim(), customer.CustomerNumber.Trim()) is null)
            {
                added++;
            }
            else
            {
                updated++;
            }

            customers.Save(customer);
        }

        var perOperator = rows.GroupBy(r => r.OperatorId!.Trim().ToLowerInvariant(), StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        return new Result(added, updated, perOperator);
    }

    private static bool IsEmail(string? value) =>
        !string.IsNullOrWhiteSpace(value) && value.Trim().Length <= 254 && !value.Trim().Contains(' ', StringComparison.Ordinal)
        && MailAddress.TryCreate(value.Trim(), out var address) && address.Address == value.Trim();

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9-]{0,39}$")]
    private static partial Regex NumberPattern();
}
