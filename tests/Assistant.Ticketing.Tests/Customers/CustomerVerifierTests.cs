using Assistant.Ticketing.Customers;
using Assistant.Ticketing.Storage;
using Assistant.Ticketing.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Assistant.Ticketing.Tests.Customers;

public sealed class CustomerVerifierTests : IDisposable
{
    private readonly TempDirectory _directory = new();
    private readonly TicketingDatabase _database;
    private readonly ManualClock _clock = new(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));
    private readonly LiteDbCustomerStore _store;
    private readonly CustomerVerifier _verifier;

    public CustomerVerifierTests()
    {
        _database = new TicketingDatabase(_directory.DatabasePath);
        _store = new LiteDbCustomerStore(_database);
        DemoCustomers.SeedIfEmpty(_store);
        _verifier = new CustomerVerifier(_store, Options.Create(new CustomerOptions()), _clock, NullLogger<CustomerVerifier>.Instance);
    }

    public void Dispose()
    {
        _database.Dispose();
        _directory.Dispose();
    }

    [Fact]
    public void The_demo_set_is_loaded_once_into_an_empty_collection()
    {
        Assert.Equal(DemoCustomers.All.Count, _store.Count());
        Assert.Equal(0, DemoCustomers.SeedIfEmpty(_store));
        Assert.All(DemoCustomers.All, c => Assert.EndsWith("@example.com", c.Email, StringComparison.Ordinal));
        Assert.Equal(4, _store.ListByOperator("digisense").Count);
    }

    [Fact]
    public void Matching_number_and_email_verify_and_give_the_contract_tier()
    {
        var result = _verifier.Verify("digisense", "user-1", " dgs-c1001 ", "Camille.Martin@Example.com");

        Assert.True(result.IsVerified);
        Assert.Equal(("DGS-C1001", "Camille Martin", "premium"), (result.CustomerNumber, result.Name, result.ContractTier));
    }

    [Fact]
    public void Wrong_number_and_wrong_email_give_the_very_same_answer()
    {
        var wrongNumber = _verifier.Verify("digisense", "user-1", "DGS-C9999", "camille.martin@example.com");
        var wrongEmail = _verifier.Verify("digisense", "user-1", "DGS-C1001", "someone@example.com");

        Assert.Equal(VerificationOutcome.NotVerified, wrongNumber.Outcome);
        Assert.Equal(wrongNumber, wrongEmail);
    }

    [Fact]
    public void An_inactive_customer_or_another_operator_s_customer_is_not_verified()
    {
        Assert.Equal(CustomerVerification.NotVerified, _verifier.Verify("digisense", "user-1", "DGS-C1004", "hugo.petit@example.com"));
        Assert.Equal(CustomerVerification.NotVerified, _verifier.Verify("icosnet", "user-1", "DGS-C1001", "camille.martin@example.com"));
    }

    [Fact]
    public void After_five_failures_in_an_hour_the_user_is_refused_even_with_the_right_answer_then_allowed_again()
    {
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(VerificationOutcome.NotVerified, _verifier.Verify("digisense", "user-1", $"DGS-C{i}", "x@example.com").Outcome);
        }

        Assert.Equal(VerificationOutcome.TooManyAttempts, _verifier.Verify("digisense", "user-1", "DGS-C1001", "camille.martin@example.com").Outcome);
        // Another user is not affected.
        Assert.True(_verifier.Verify("digisense", "user-2", "DGS-C1001", "camille.martin@example.com").IsVerified);

        _clock.Advance(TimeSpan.FromMinutes(61));
        Assert.True(_verifier.Verify("digisense", "user-1", "DGS-C1001", "camille.martin@example.com").IsVerified);
    }
}
