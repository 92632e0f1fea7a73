using Assistant.Bot.Admin.Audit;
using Microsoft.Extensions.Options;

namespace Assistant.Bot.Admin.Users;

/// <summary>Deletes conversations older than the retention setting (<see cref="RetentionSetting"/>), at start and then every <see cref="AdminOptions.RetentionInterval"/>.</summary>
public sealed partial class RetentionPurge(
    UserData data, RetentionSetting retention, AuditLog audit, IOptions<AdminOptions> options, TimeProvider time, ILogger<RetentionPurge> logger) : BackgroundService
{
    public (int Conversations, int Activities, int Attachments) RunOnce()
    {
        var days = retention.Days;
        var purged = data.PurgeConversations(time.GetUtcNow().AddDays(-days));
        if (purged.Conversations > 0)
        {
            audit.Record(AuditActors.System, "retention", "retention.purge", "conversations",
                $"{purged.Conversations} conversation(s) older than {days} days deleted ({purged.Activities} activities, {purged.Attachments} upload(s))");
        }

        LogPurged(logger, purged.Conversations, days);
        return purged;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.RetentionInterval, time);
        do
        {
            try
            {
                RunOnce();
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // A failed purge is retried at the next tick; the service keeps running.
                LogFailed(logger, ex);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(EventId = 7301, Level = LogLevel.Information, Message = "Retention purge: {Conversations} conversation(s) older than {Days} days deleted")]
    private static partial void LogPurged(ILogger logger, int conversations, int days);

    [LoggerMessage(EventId = 7302, Level = LogLevel.Error, Message = "Retention purge failed")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
