using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Assistant.Ticketing.Storage.Postgres;

public static class PostgresSetup
{
    /// <summary>
    /// The one <see cref="NpgsqlDataSource"/> of the process (its connection pool), on <c>ConnectionStrings:Postgres</c>.
    /// The schema is migrated when it is first resolved, so no store ever sees an older schema.
    /// </summary>
    public static IServiceCollection AddPostgresDataSource(this IServiceCollection services)
    {
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<StorageProviderOptions>>().Value;
            var loggers = sp.GetRequiredService<ILoggerFactory>();
            var dataSource = CreateDataSource(options.PostgresConnectionString!, loggers);
            try
            {
                PostgresMigrations.Apply(dataSource, loggers.CreateLogger(typeof(PostgresMigrations).FullName!));
            }
            catch
            {
                dataSource.Dispose();
                throw;
            }

            return dataSource;
        });
        services.AddHostedService<PostgresStartup>();
        return services;
    }

    public static NpgsqlDataSource CreateDataSource(string connectionString, ILoggerFactory? loggers = null)
    {
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        if (loggers is not null)
        {
            builder.UseLoggerFactory(loggers);
        }

        return builder.Build();
    }
}
