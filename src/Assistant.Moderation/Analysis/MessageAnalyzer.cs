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
        ArgumentNullException.ThrowIfNull(text);
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new ArgumentException("There is no text to analyse.", nameof(text));
        }

        var started = Stopwatch.GetTimestamp();
        var analysis = ModelSetAnalysis.Analyze(models.Current, settings.Current, text);
        LogAnalysed(analysis.Moderation.Label, analysis.Moderation.DecidedBy, analysis.Triage.Priority, analysis.Triage.PriorityDecidedBy,
            analysis.ModelVersion, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        return analysis;
    }

    // The text itself is never logged: it is user content.
    [LoggerMessage(Level = LogLevel.Debug, Message = "Analysed a message: {Label} by {DecidedBy}, priority {Priority} by {PriorityDecidedBy}, models {Version}, {ElapsedMs:0.000} ms")]
    private partial void LogAnalysed(string label, string decidedBy, string priority, string priorityDecidedBy, string version, double elapsedMs);
}
