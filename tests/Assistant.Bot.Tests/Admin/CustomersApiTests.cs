using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Assistant.Ticketing.Customers;

namespace Assistant.Bot.Tests.Admin;

/// <summary>
/// Where customers come from: nowhere by default (no fictional customer may verify on a real deployment), the demo set
/// when <c>Assistant:Customers:SeedDemoCustomers</c> asks for it, and the admins' import of the operator's own list.
/// </summary>
public sealed class CustomersApiTests : IDisposable
{
    private const string ImportPath = "/api/admin/customers/import";

    private readonly AdminHost _host = new();

    public void Dispose() => _host.Dispose();

    private static object Row(string operatorId, string number, string email, string tier = "premium", bool active = true, string name = "Inès Garnier") =>
        new { operatorId, customerNumber = number, name, email, contractTier = tier, active };

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

    [Fact]
    public async Task Imported_customers_verify_with_their_contract_an_import_again_updates_them_and_the_audit_holds_no_contact_dataAsync()
    {
        var admin = await _host.AdminAsync();

        using var first = await admin.PostAsJsonAsync(ImportPath, new
        {
            reason = "CRM export of December",
            customers = new[] { Row("digisense", "dgs-c5001", "ines.garnier@example.org"), Row("icosnet", "ICN-C7001", "k.saidi@example.org", tier: "standard", name: "Karim Saïdi") },
        });
        using var again = await admin.PostAsJsonAsync(ImportPath, new
        {
            reason = "contract ended",
            customers = new[] { Row("digisense", "DGS-C5001", "ines.garnier@example.org", tier: "none", active: false) },
        });

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var counts = (await first.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(2, (int)counts["added"]!);
        Assert.Equal(0, (int)counts["updated"]!);
        Assert.Equal(1, (int)(await again.Content.ReadFromJsonAsync<JsonObject>())!["updated"]!);
        var verifier = _host.Service<ICustomerVerifier>();
        Assert.Equal("standard", verifier.Verify("icosnet", "dl_karim", "ICN-C7001", "k.saidi@example.org").ContractTier);
        Assert.False(verifier.Verify("digisense", "dl_ines", "DGS-C5001", "ines.garnier@example.org").IsVerified); // now inactive
        var listed = (await admin.GetFromJsonAsync<JsonArray>("/api/admin/customers?operatorId=digisense"))!;
        var ines = Assert.Single(listed)!;
        Assert.Equal(("DGS-C5001", "none", false), ((string)ines["customerNumber"]!, (string)ines["contractTier"]!, (bool)ines["active"]!));
        var audited = _host.Audit("customers.import");
        Assert.Equal(2, audited.Count);
        Assert.Contains(audited, e => e.Details.Contains("2 customer(s)", StringComparison.Ordinal) && e.Details.Contains("CRM export of December", StringComparison.Ordinal));
        Assert.All(audited, e => Assert.DoesNotContain("example.org", e.Details, StringComparison.Ordinal));
        Assert.All(audited, e => Assert.DoesNotContain("Garnier", e.Details, StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_import_with_a_bad_row_is_refused_whole_naming_each_row_and_fieldAsync()
    {
        var admin = await _host.AdminAsync();

        using var response = await admin.PostAsJsonAsync(ImportPath, new
        {
            reason = "CRM export",
            customers = new[]
            {
                Row("digisense", "DGS-C5001", "ines.garnier@example.org"),
                Row("acme", "DGS-C5002", "someone@example.org"),
                Row("digisense", "DGS-C5003", "not an e-mail", tier: "gold"),
                Row("digisense", "dgs-c5001", "twice@example.org"),
            },
        });
        using var noReason = await admin.PostAsJsonAsync(ImportPath, new { reason = " ", customers = new[] { Row("digisense", "DGS-C5001", "ines.garnier@example.org") } });
        using var empty = await admin.PostAsJsonAsync(ImportPath, new { reason = "nothing", customers = Array.Empty<object>() });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject();
        Assert.Equal(["customers[1].operatorId", "customers[2].contractTier", "customers[2].email", "customers[3].customerNumber"], errors.Select(e => e.Key).Order(StringComparer.Ordinal));
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Equal(0, _host.Service<ICustomerStore>().Count());
        Assert.Empty(_host.Audit("customers"));
    }
}
