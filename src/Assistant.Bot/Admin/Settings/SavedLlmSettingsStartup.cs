using Assistant.Bot.SemanticKernel;

namespace Assistant.Bot.Admin.Settings;

/// <summary>At start, serves the LLM settings an admin saved in the console instead of the configured ones.</summary>
public sealed partial class SavedLlmSettingsStartup(LlmSettingsStore store, LlmEndpoint llm, ILogger<SavedLlmSettingsStartup> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (store.Load() is not { } saved)
        {
            return Task.CompletedTask;
        }

        var errors = saved.Settings.Validate().Select(e => e.Message).ToList();
        if (errors.Count > 0)
        {
            LogSkipped(logger, string.Join(" ", errors));
            return Task.CompletedTask;
        }

        if (saved.KeyUnreadable)
        {
            // The key ring under <data>/keys was lost or replaced: the endpoint is used without a key until an admin sets it again.
            LogKeyUnreadable(logger);
        }

        llm.Use(saved.Settings);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 7111, Level = LogLevel.Warning, Message = "The saved LLM API key cannot be decrypted with the keys of the data directory; the endpoint is used without a key")]
    private static partial void LogKeyUnreadable(ILogger logger);

    [LoggerMessage(EventId = 7112, Level = LogLevel.Warning, Message = "The saved LLM settings are not used, configuration is: {Reason}")]
    private static partial void LogSkipped(ILogger logger, string reason);
}
