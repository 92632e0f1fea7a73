using System.Diagnostics.Metrics;
using Assistant.Bot.Metrics;

namespace Assistant.Bot.Channel.Storage.Journal;

/// <summary>How far the conversation journal is ahead of <c>conversations.db</c>, on the service's meter.</summary>
public sealed class JournalMetrics
{
    public JournalMetrics(IMeterFactory meters, ConversationDatabase database)
    {
        ArgumentNullException.ThrowIfNull(meters);
        ArgumentNullException.ThrowIfNull(database);
        var meter = meters.Create(TurnMetrics.MeterName);
        var journal = database.Journal;
        meter.CreateObservableGauge("assistant.journal.queued", () => journal.Queued, "{write}",
            "Writes of the conversation log waiting for the journal's next append.");
        meter.CreateObservableGauge("assistant.journal.behind", () => journal.Behind, "{write}",
            "Durable writes of the conversation log not yet copied into conversations.db.");
    }
}
