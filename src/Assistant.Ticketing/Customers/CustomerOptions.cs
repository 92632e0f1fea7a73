using System.ComponentModel.DataAnnotations;

namespace Assistant.Ticketing.Customers;

/// <summary>The <c>Assistant:Customers</c> section.</summary>
public sealed class CustomerOptions
{
    public const string SectionName = "Assistant:Customers";

    /// <summary>Failed verifications a user may make within <see cref="AttemptWindow"/> before being refused.</summary>
    [Range(1, 100)]
    public int MaxFailedAttempts { get; set; } = 5;

    [Range(typeof(TimeSpan), "00:01:00", "7.00:00:00")]
    public TimeSpan AttemptWindow { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// Load the fictional demo customers (<see cref="DemoCustomers"/>, premium contracts included) when the collection is
    /// empty, to try a fresh install end to end. Off by default: on a real deployment anyone who reads the source could
    /// otherwise verify as one of them and get contract features.
    /// </summary>
    public bool SeedDemoCustomers { get; set; }
}
