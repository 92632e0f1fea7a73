using Assistant.Ticketing.Customers;
using Assistant.Ticketing.Operators;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Assistant.Ticketing.Storage;

/// <summary>
/// Opens the database and checks the operators when the host starts, so a bad file or setting stops
/// the start with a clear message instead of failing the first user's turn; seeds the demo customers when configured to.
/// </summary>
public sealed partial class TicketingStartup(
    TicketingDatabase database,
    IOperatorCatalog operators,
    ICustomerStore customers,
    IOptions<CustomerOptions> customerOptions,
    ILogger<TicketingStartup> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        LogOpened(logger, database.FilePath, TicketingDatabase.CurrentVersion, operators.All.Count);
        if (customerOptions.Value.SeedDemoCustomers)
        {
            var added = DemoCustomers.SeedIfEmpty(customers);
            if (added > 0)
            {
                LogSeeded(logger, added);
            }
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 3201, Level = LogLevel.Information, Message = "Ticket database {Path} open (shape version {Version}), {OperatorCount} operators")]
    private static partial void LogOpened(ILogger logger, string path, int version, int operatorCount);

    [LoggerMessage(EventId = 3202, Level = LogLevel.Information, Message = "Loaded {Count} demo customers into an empty customer collection")]
    private static partial void LogSeeded(ILogger logger, int count);
}
