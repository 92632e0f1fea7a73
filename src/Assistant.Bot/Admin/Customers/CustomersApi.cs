using System.Security.Claims;
using Assistant.Bot.Admin.Audit;
using Assistant.Ticketing.Customers;
using Assistant.Ticketing.Operators;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Assistant.Bot.Admin.Customers;

/// <param name="Customers">The operator's list (e.g. exported from its CRM), at most <see cref="CustomerImport.MaxRows"/> rows.</param>
public sealed record CustomerImportRequest(IReadOnlyList<CustomerRow>? Customers, string? Reason);

public sealed record CustomerImportResponse(int Added, int Updated);

public sealed record CustomerResponse(string OperatorId, string CustomerNumber, string Name, string Email, string ContractTier, bool Active);

/// <summary>
/// The customers the assistant verifies (number and e-mail on file, an active contract): listed per operator, and
/// imported from the operator's own list. A deployment has none until they are imported (the demo set is for trying only).
/// </summary>
public static class CustomersApi
{
    public static RouteGroupBuilder MapCustomersApi(this RouteGroupBuilder admin)
    {
        var group = admin.MapGroup("/customers").WithTags("Admin: customers");
        group.MapGet("/", List).WithSummary("An operator's customers on file, by customer number");
        group.MapPost("/import", Import).WithSummary("Adds or replaces customers (all rows checked first; one bad row refuses the import); audited without contact data");
        return admin;
    }

    internal static Results<Ok<IReadOnlyList<CustomerResponse>>, ValidationProblem> List(string? operatorId, ICustomerStore customers, IOperatorCatalog operators)
    {
        if (operators.Find(operatorId ?? "") is not { } profile)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["operatorId"] = [$"Name an operator: {string.Join(", ", operators.All.Select(o => o.Id))}."] });
        }

        return TypedResults.Ok<IReadOnlyList<CustomerResponse>>([.. customers.ListByOperator(profile.Id)
            .Select(c => new CustomerResponse(c.OperatorId, c.CustomerNumber, c.Name, c.Email, c.ContractTier, c.Active))]);
    }

    internal static Results<Ok<CustomerImportResponse>, ValidationProblem> Import(CustomerImportRequest request, ClaimsPrincipal user, CustomerImport import, AuditLog audit)
    {
        var rows = request.Customers ?? [];
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(request.Reason))
        {
            errors["reason"] = ["Say where the list comes from or why it is imported."];
        }

        if (rows.Count is 0 or > CustomerImport.MaxRows)
        {
            errors["customers"] = [$"Give 1 to {CustomerImport.MaxRows} customers; {rows.Count} given."];
        }
        else
        {
            foreach (var (key, messages) in import.Validate(rows))
            {
                errors[key] = messages;
            }
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var result = import.Import(rows);
        // Counts only: the rows hold names and e-mail addresses, which the audit log never carries.
        audit.Record(user, "customers.import", null,
            $"{rows.Count} customer(s) ({string.Join(", ", result.PerOperator.Select(p => $"{p.Key} {p.Value}"))}; {result.Added} added, {result.Updated} updated): {request.Reason!.Trim()}");
        return TypedResults.Ok(new CustomerImportResponse(result.Added, result.Updated));
    }
}
