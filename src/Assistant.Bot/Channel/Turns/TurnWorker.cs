using System.Collections.Concurrent;
using Assistant.Bot.Channel.Activities;
using Assistant.Bot.Metrics;
using Assistant.Bot.Turns;

namespace Assistant.Bot.Channel.Turns;

/// <summary>
/// Runs the bot for each queued activity: one after the other within a conversation, conversations in
/// parallel. A failing turn is logged and answered with a short apology; the worker keeps going.
/// </summary>
public sealed partial class TurnWorker(
    TurnQueue queue,
    ITurnHandler handler,
    IConversationSender sender,
    TurnMetrics metrics,
    ILogger<TurnWorker> logger) : BackgroundService
{
    private readonly ConcurrentDictionary<string, Task> _tails = new();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var item in queue.Reader.ReadAllAsync(stoppingToken))
            {
                var previous = _tails.GetValueOrDefault(item.ConversationId, Task.CompletedTask);
                var next = previous.ContinueWith(
                    _ => RunTurnAsync(item, stoppingToken),
                    CancellationToken.None,
                    TaskContinuationOptions.None,
                    TaskScheduler.Default).Unwrap();
                _tails[item.ConversationId] = next;
                _ = next.ContinueWith(
                    done => _tails.TryRemove(new KeyValuePair<string, Task>(item.ConversationId, done)),
                    CancellationToken.None,
                    TaskContinuationOptions.None,
                    TaskScheduler.Default);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }

        await Task.WhenAll(_tails.Values);
    }

    private async Task RunTurnAsync(TurnWorkItem item, CancellationToken cancellationToken)
    {
        var turn = new TurnContext(item.ConversationId, item.OperatorId, item.Activity, sender);
        metrics.TurnStarted(item);
        try
        {
            await handler.OnTurnAsync(turn, cancellationToken);
            await turn.FlushAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping.
        }
        catch (Exception ex)
        {
            LogTurnFailed(logger, ex, item.ConversationId, item.Activity.Id);
            turn.Discard();
            await ApologiseAsync(turn, cancellationToken);
        }
        finally
        {
            metrics.TurnEnded(item);
            item.Ended?.TrySetResult();
        }
    }

    private async Task ApologiseAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        var english = turn.Activity.Locale?.StartsWith("en", StringComparison.OrdinalIgnoreCase) == true;
        var text = english
            ? "Sorry, something went wrong on our side. Please try again in a moment."
            : "Désolé, un problème est survenu de notre côté. Merci de réessayer dans un instant.";
        try
        {
            turn.Send(new Activity { Type = ActivityTypes.Message, Text = text, Locale = english ? "en-US" : "fr-FR" });
            await turn.FlushAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogApologyFailed(logger, ex, turn.ConversationId);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The bot failed on activity {ActivityId} of conversation {ConversationId}")]
    private static partial void LogTurnFailed(ILogger logger, Exception exception, string conversationId, string? activityId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not send the apology on conversation {ConversationId}")]
    private static partial void LogApologyFailed(ILogger logger, Exception exception, string conversationId);
}
