using Assistant.Bot.SemanticKernel;

namespace Assistant.Bot.Admin.Templates;

/// <summary>At start, serves the latest saved version of every reply template (and of the interpreter prompt) an admin has edited.</summary>
public sealed partial class SavedTemplatesStartup(TemplateVersions versions, ReplyTemplates replies, InterpretPrompt interpret, ILogger<SavedTemplatesStartup> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var saved in versions.Latest())
        {
            var (key, language) = Split(saved.Template);
            var error = key == InterpretPromptApi.Key ? interpret.Use(saved.Text) : replies.Use(key, language, saved.Text);
            // A template removed from prompts/, or a text a newer template engine no longer accepts: the file is served.
            if (error is not null)
            {
                LogSkipped(logger, saved.Template, saved.Version, error);
            }
            else
            {
                LogApplied(logger, saved.Template, saved.Version);
            }
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static (string Key, string Language) Split(string name)
    {
        var slash = name.LastIndexOf('/');
        return (name[..slash], name[(slash + 1)..]);
    }

    [LoggerMessage(EventId = 7101, Level = LogLevel.Information, Message = "Reply template {Template} served from saved version {Version}")]
    private static partial void LogApplied(ILogger logger, string template, int version);

    [LoggerMessage(EventId = 7102, Level = LogLevel.Warning, Message = "Saved version {Version} of reply template {Template} not used: {Reason}")]
    private static partial void LogSkipped(ILogger logger, string template, int version, string reason);
}
