using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace Assistant.Bot.Hosting;

/// <summary>Readiness on the PostgreSQL provider: the database answers a query.</summary>
public sealed class PostgresHealthCheck(NpgsqlDataSource dataSource) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var command = dataSource.CreateCommand("SELECT 1");
            await command.ExecuteScalarAsync(cancellationToken);
            return HealthCheckResult.Healthy("PostgreSQL answers");
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
        {
            // The exception says why (refused, unknown database, timeout) and carries no password.
            return HealthCheckResult.Unhealthy("PostgreSQL does not answer", ex);
        }
    }
}
