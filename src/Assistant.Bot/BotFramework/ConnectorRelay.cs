using System.Collections.Concurrent;
using System.Text.Json;
using Assistant.Bot.Channel.Activities;
using Assistant.Bot.Channel.Storage;
using Assistant.Bot.Channel.Streaming;
using Microsoft.Extensions.Options;

namespace Assistant.Bot.BotFramework;

/// <summary>
/// Takes what the bot and the agents write into a channel conversation's log to the Connector, in log order: replies of
/// a turn, ticket updates and agent messages alike (the last two are proactive: they answer no message). It listens to
/// the conversation like a web chat socket, and reads the log itself from the last watermark delivered, which is kept
/// with the reference: a reply committed just before a restart is sent after it. A Connector that fails is retried with
/// back-off; one still failing is logged and tried again with the next message or the next sweep; nothing is dropped
/// without an error in the log.
/// </summary>
public sealed partial class ConnectorRelay(
    ConversationHub hub,
    ConversationStore store,
    ChannelReferences references,
    ConnectorClient connector,
    IOptions<BotFrameworkOptions> options,
    ILogger<ConnectorRelay> logger) : BackgroundService
{
    /// <summary>How often conversations left with undelivered replies are tried again.</summary>
    public static readonly TimeSpan SweepInterval = TimeSpan.FromMinutes(1);

    private readonly ConversationHub _hub = hub;
    private readonly ILogger<ConnectorRelay> _logger = logger;
    private readonly ConcurrentDictionary<string, Watcher> _watchers = new(StringComparer.Ordinal);
    private CancellationToken _stopping = CancellationToken.None;

    /// <summary>Starts relaying a conversation (idempotent).</summary>
    public void Watch(string conversationId) =>
        _watchers.GetOrAdd(conversationId, id => Watcher.Start(id, this));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        _stopping = stoppingToken;
        foreach (var reference in references.All())
        {
            Watch(reference.Id);
        }

        using var timer = new PeriodicTimer(SweepInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                foreach (var watcher in _watchers.Values)
                {
                    watcher.Signal();
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    public override void Dispose()
    {
        foreach (var watcher in _watchers.Values)
        {
            watcher.Dispose();
        }

        base.Dispose();
    }

    /// <summary>Sends everything after the delivered watermark; stops at a reply the Connector keeps failing.</summary>
    private async Task DeliverPendingAsync(string conversationId)
    {
        var reference = references.Find(conversationId);
        if (reference is null || store.Find(conversationId) is null)
        {
            // The conversation was erased (a user's erasure, retention): its reference, with the user's channel ids, goes too.
            references.Delete(conversationId);
            if (_watchers.TryRemove(conversationId, out var watcher))
            {
                watcher.Dispose();
            }

            return;
        }

        while (true)
        {
            var page = store.ReadAfter(conversationId, reference.DeliveredWatermark);
            if (page.Count == 0)
            {
                return;
            }

            // Read after the page: a reply in it was committed after its message's expectReplies mark was saved.
            reference = references.Find(conversationId) ?? reference;
            foreach (var record in page)
            {
                var logged = JsonSerializer.Deserialize<Activity>(record.Json, ActivityJson.Options)!;
                if (!OutboundActivities.WentBackInResponse(logged, reference)
                    && OutboundActivities.ToChannel(logged, reference) is { } outbound
                    && !await SendWithRetriesAsync(reference, outbound, record.Id))
                {
                    return;
                }

                if (references.AdvanceDelivered(conversationId, record.Watermark) is not { } advanced)
                {
                    return; // erased meanwhile: an erased reference is not written back
                }

                reference = advanced;
            }
        }
    }

    /// <returns>False when the Connector is still failing after every attempt: the reply stays pending.</returns>
    private async Task<bool> SendWithRetriesAsync(ChannelReference reference, Activity outbound, string activityId)
    {
        var settings = options.Value;
        var wait = settings.DeliveryBackoff;
        for (var attempt = 1; ; attempt++)
        {
            var (outcome, status) = await connector.SendAsync(reference, outbound, _stopping);
            switch (outcome)
            {
                case ConnectorOutcome.Sent:
                    LogDelivered(_logger, activityId, reference.Id, reference.ChannelId);
                    return true;
                case ConnectorOutcome.Refused:
                    // A refusal for good would block every later reply: it is logged as lost and the log goes on.
                    LogRefused(_logger, activityId, reference.Id, reference.ChannelId, status);
                    return true;
                case ConnectorOutcome.Transient when attempt >= settings.DeliveryAttempts:
                    LogUndelivered(_logger, activityId, reference.Id, reference.ChannelId, attempt, status);
                    return false;
                default:
                    LogRetrying(_logger, activityId, reference.Id, attempt, status, wait.TotalMilliseconds);
                    await Task.Delay(wait, _stopping);
                    wait *= 2;
                    break;
            }
        }
    }

    /// <summary>Forwards the bot's typing indicator, once, without retrying: it is ephemeral.</summary>
    private async Task SendTypingAsync(string conversationId, string json)
    {
        var typing = JsonSerializer.Deserialize<Activity>(json, ActivityJson.Options);
        if (typing?.From?.Role == RoleTypes.User || references.Find(conversationId) is not { } reference)
        {
            return;
        }

        await connector.SendAsync(reference, new Activity
        {
            Type = ActivityTypes.Typing,
            ChannelId = reference.ChannelId,
            From = new ChannelAccount { Id = reference.BotId, Name = reference.BotName, Role = RoleTypes.Bot },
            Recipient = new ChannelAccount { Id = reference.ChannelUserId },
            Conversation = new ConversationAccount { Id = reference.ChannelConversationId },
        }, _stopping);
    }

    /// <summary>One conversation's listener: a single loop, so its replies go out one at a time, in order.</summary>
    private sealed class Watcher : IDisposable
    {
        private readonly ConversationHub.Subscription _subscription;
        private readonly SemaphoreSlim _pending = new(0, 1);
        private readonly Lock _gate = new();

        private Watcher(ConversationHub.Subscription subscription) => _subscription = subscription;

        public static Watcher Start(string conversationId, ConnectorRelay relay)
        {
            var watcher = new Watcher(relay._hub.Subscribe(conversationId));
            _ = Task.Run(() => watcher.ListenAsync(conversationId, relay));
            _ = Task.Run(() => watcher.DeliverAsync(conversationId, relay));
            watcher.Signal();
            return watcher;
        }

        public void Signal()
        {
            lock (_gate)
            {
                if (_pending.CurrentCount == 0)
                {
                    _pending.Release();
                }
            }
        }

        public void Dispose() => _subscription.Dispose();

        private async Task ListenAsync(string conversationId, ConnectorRelay relay)
        {
            await foreach (var message in _subscription.Reader.ReadAllAsync())
            {
                if (message.Watermark is null)
                {
                    await GuardAsync(() => relay.SendTypingAsync(conversationId, message.ActivityJson), relay, conversationId);
                }
                else
                {
                    Signal();
                }
            }
        }

        private async Task DeliverAsync(string conversationId, ConnectorRelay relay)
        {
            while (!relay._stopping.IsCancellationRequested)
            {
                try
                {
                    await _pending.WaitAsync(relay._stopping);
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                await GuardAsync(() => relay.DeliverPendingAsync(conversationId), relay, conversationId);
            }
        }

        private static async Task GuardAsync(Func<Task> work, ConnectorRelay relay, string conversationId)
        {
            try
            {
                await work();
            }
            catch (OperationCanceledException) when (relay._stopping.IsCancellationRequested)
            {
                // Stopping: what is pending goes out at the next start.
            }
            catch (Exception ex)
            {
                LogFailed(relay._logger, ex, conversationId);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Delivered {ActivityId} of conversation {ConversationId} to channel {ChannelId}")]
    private static partial void LogDelivered(ILogger logger, string activityId, string conversationId, string channelId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The Connector failed on {ActivityId} of conversation {ConversationId} (attempt {Attempt}, status {StatusCode}); trying again in {DelayMs} ms")]
    private static partial void LogRetrying(ILogger logger, string activityId, string conversationId, int attempt, int? statusCode, double delayMs);

    [LoggerMessage(Level = LogLevel.Error, Message = "Undelivered: the Connector of channel {ChannelId} failed {Attempts} times on {ActivityId} of conversation {ConversationId} (last status {StatusCode}); it stays pending and is tried again later")]
    private static partial void LogUndelivered(ILogger logger, string activityId, string conversationId, string channelId, int attempts, int? statusCode);

    [LoggerMessage(Level = LogLevel.Error, Message = "Lost: the Connector of channel {ChannelId} refused {ActivityId} of conversation {ConversationId} with {StatusCode}; it is not sent again")]
    private static partial void LogRefused(ILogger logger, string activityId, string conversationId, string channelId, int? statusCode);

    [LoggerMessage(Level = LogLevel.Error, Message = "Relaying conversation {ConversationId} to its channel failed")]
    private static partial void LogFailed(ILogger logger, Exception exception, string conversationId);
}
