using Microsoft.Extensions.Hosting;
using Npgsql;

namespace Assistant.Ticketing.Storage.Postgres;

/// <summary>
/// Takes the data source when the host starts, so an unreachable server or a failed migration stops the start with
/// its reason instead of failing a user's first request.
/// </summary>
internal sealed class PostgresStartup(NpgsqlDataSource dataSource) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        GC.KeepAlive(dataSource);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
