using Assistant.Moderation.Analysis;

namespace Assistant.Bot.Tests.Handoff;

/// <summary>
/// The real models' triage (priority, category, product) with every message judged "ok". For the tests
/// that walk the whole intake to reach an escalation: today's moderation models refuse some short slot
/// answers (names, e-mails), which is moderation's business, not what these tests are about.
/// </summary>
public sealed class TriageOnlyAnalyzer(MessageAnalyzer inner) : IMessageAnalyzer
{
    public MessageAnalysis Analyze(string text) =>
        inner.Analyze(text) with { Moderation = new ModerationVerdict("ok", new ModerationScores(0, 0), "allow", "test") };
}
