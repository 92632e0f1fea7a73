using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Assistant.Bot.Channel.Storage;

/// <summary>Readiness: the conversation log can be read.</summary>
public sealed class ConversationDatabaseHealthCheck(IServiceProvider services) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            services.GetRequiredService<ConversationDatabase>().CanRead();
            return Task.FromResult(HealthCheckResult.Healthy("conversations.db is open"));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or LiteDB.LiteException or InvalidOperationException)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy("conversations.db cannot be opened", ex));
        }
    }
}
