using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Assistant.Ticketing.Customers;

public enum VerificationOutcome
{
    Verified,
    /// <summary>Wrong number, wrong email, or inactive contract: deliberately one outcome, so no caller learns which.</summary>
    NotVerified,
    /// <summary>Too many failed attempts by this user; try again later.</summary>
    TooManyAttempts,
}

/// <summary>The answer to a verification. Only a verified answer carries customer data.</summary>
public sealed record CustomerVerification(VerificationOutcome Outcome, string? CustomerNumber = null, string? Name = null, string ContractTier = "none")
{
    public static readonly CustomerVerification NotVerified = new(VerificationOutcome.NotVerified);
    public static readonly CustomerVerification TooManyAttempts = new(VerificationOutcome.TooManyAttempts);

    public bool IsVerified => Outcome == VerificationOutcome.Verified;
}

public interface ICustomerVerifier
{
    /// <summary>Succeeds only when the number and the email on file both match an active customer of that operator.</summary>
    CustomerVerification Verify(string operatorId, string userId, string customerNumber, string email);
}

public sealed partial class CustomerVerifier(
    ICustomerStore customers,
    IOptions<CustomerOptions> options,
    TimeProvider time,
    ILogger<CustomerVerifier> logger) : ICustomerVerifier
{
    private readonly ConcurrentDictionary<string, Queue<DateTimeOffset>> _failures = new();

    public CustomerVerification Verify(string operatorId, string userId, string customerNumber, string email)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(operatorId);
        ArgumentException.ThrowIfNullOrWhiteSpace(userId);
        var key = $"{operatorId.ToLowerInvariant()}|{userId}";
        var now = time.GetUtcNow();
        var failures = _failures.GetOrAdd(key, _ => new Queue<DateTimeOffset>());
        lock (failures)
        {
            while (failures.Count > 0 && now - failures.Peek() >= options.Value.AttemptWindow)
            {
                failures.Dequeue();
            }

            if (failures.Count >= options.Value.MaxFailedAttempts)
            {
                LogRefused(logger, operatorId, failures.Count);
                return CustomerVerification.TooManyAttempts;
            }

            var customer = string.IsNullOrWhiteSpace(customerNumber) ? null : customers.Find(operatorId, customerNumber);
            var matches = customer is { Active: true }
                && string.Equals(customer.Email.Trim(), email?.Trim(), StringComparison.OrdinalIgnoreCase);
            if (!matches)
            {
                failures.Enqueue(now);
                LogFailed(logger, operatorId, failures.Count);
                return CustomerVerification.NotVerified;
            }

            return new CustomerVerification(VerificationOutcome.Verified, customer!.CustomerNumber, customer.Name, customer.ContractTier);
        }
    }

    [LoggerMessage(EventId = 3101, Level = LogLevel.Information, Message = "Customer verification failed for operator {OperatorId} ({Failures} recent failures)")]
    private static partial void LogFailed(ILogger logger, string operatorId, int failures);

    [LoggerMessage(EventId = 3102, Level = LogLevel.Warning, Message = "Customer verification refused for operator {OperatorId}: {Failures} recent failures")]
    private static partial void LogRefused(ILogger logger, string operatorId, int failures);
}
