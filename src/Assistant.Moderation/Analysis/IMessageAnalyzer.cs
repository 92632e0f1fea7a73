namespace Assistant.Moderation.Analysis;

/// <summary>Moderation and triage of one user message. Thread-safe; well under a millisecond per call.</summary>
public interface IMessageAnalyzer
{
    /// <summary>Moderation and triage together (the analysis API, the admin's tools).</summary>
    MessageAnalysis Analyze(string text);

    /// <summary>Moderation only, for every turn: the triage models are not run.</summary>
    ModerationVerdict Moderate(string text);

    /// <summary>Triage only, for a ticket's description: the moderation model is not run.</summary>
    Triage Triage(string text);
}
