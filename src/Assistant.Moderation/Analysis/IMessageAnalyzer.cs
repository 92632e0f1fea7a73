namespace Assistant.Moderation.Analysis;

/// <summary>Moderation and triage of one user message. Thread-safe; well under a millisecond per call.</summary>
public interface IMessageAnalyzer
{
    MessageAnalysis Analyze(string text);
}
