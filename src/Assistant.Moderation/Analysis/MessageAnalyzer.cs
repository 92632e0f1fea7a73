using System.Diagnostics;
using Assistant.Moderation.Serving;
using Assistant.Moderation.Thresholds;
using Microsoft.Extensions.Logging;

namespace Assistant.Moderation.Analysis;

/// <summary>The served analyzer: the current model set and the current thresholds, read on every call.</summary>
public sealed partial class MessageAnalyzer(ModelProvider models, IModerationSettings settings, ILogger<MessageAnalyzer> logger) : IMessageAnalyzer
{
    public MessageAnalysis Analyze(string text)
    {
        RequireText(text);
        var started = Stopwatch.GetTimestamp();
        var analysis = ModelSetAnalysis.Analyze(models.Current, settings.Current, text);
        LogAnalysed(analysis.Moderation.Label, analysis.Moderation.DecidedBy, analysis.Triage.Priority, analysis.Triage.PriorityDecidedBy,
            analysis.ModelVersion, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        return analysis;
    }

    public ModerationVerdict Moderate(string text)
    {
        RequireText(text);
        var started = Stopwatch.GetTimestamp();
        var verdict = ModelSetAnalysis.Moderate(models.Current, settings.Current, text);
        LogModerated(verdict.Label, verdict.DecidedBy, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        return verdict;
    }

    public Triage Triage(string text)
    {
        RequireText(text);
        return ModelSetAnalysis.Triage(models.Current, text);
    }

    private static void RequireText(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new ArgumentException("There is no text to analyse.", nameof(text));
        }
    }

    // The text itself is never logged: it is user content.
    [LoggerMessage(Level = LogLevel.Debug, Message = "Analysed a message: {Label} by {DecidedBy}, priority {Priority} by {PriorityDecidedBy}, models {Version}, {ElapsedMs:0.000} ms")]
    private partial void LogAnalysed(string label, string decidedBy, string priority, string priorityDecidedBy, string version, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Moderated a message: {Label} by {DecidedBy}, {ElapsedMs:0.000} ms")]
    private partial void LogModerated(string label, string decidedBy, double elapsedMs);
}
