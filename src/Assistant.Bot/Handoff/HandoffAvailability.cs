using Assistant.Ticketing.Operators;

namespace Assistant.Bot.Handoff;

/// <summary>Whether a person can take a conversation now: the operator is within its business hours and an agent has the console open.</summary>
public sealed record Availability(bool Open, int AgentsOnline, DateTimeOffset ReopensAt)
{
    public bool CanTakeNow => Open && AgentsOnline > 0;

    /// <summary>Why not, for the handoff.status "failed" message and the logs.</summary>
    public string Problem => !Open ? "outside business hours" : AgentsOnline == 0 ? "no agent online" : "";
}

/// <summary>Where a user stands in the queue, and how long the last handoffs of the operator waited.</summary>
public sealed record WaitEstimate(int Position, TimeSpan? Typical);

public sealed class HandoffAvailability(IOperatorCatalog operators, AgentFeed feed, HandoffStore store, TimeProvider time)
{
    // Enough recent handoffs to smooth one slow pickup, few enough to follow the day's pace.
    private const int RecentSample = 10;

    public Availability Check(string operatorId)
    {
        var profile = operators.Find(operatorId) ?? throw new InvalidOperationException($"Unknown operator '{operatorId}'.");
        var now = time.GetUtcNow();
        var opens = new BusinessCalendar(profile).NextOpenMoment(now);
        return new Availability(opens <= now, feed.AgentsOnline(profile.Id), opens);
    }

    /// <summary>
    /// Position counts the pending handoffs of the operator requested before this one, plus this one. The
    /// typical wait is the median of the last accepted handoffs, spread over the agents online; null without history.
    /// </summary>
    public WaitEstimate Estimate(HandoffRecord record)
    {
        var position = store.ListOpen([record.OperatorId])
            .Count(h => h.State == HandoffStates.Pending && h.RequestedAt <= record.RequestedAt);
        var waits = store.RecentlyAccepted(record.OperatorId, RecentSample)
            .Select(h => h.AcceptedAt!.Value - h.RequestedAt)
            .Where(w => w >= TimeSpan.Zero)
            .Order()
            .ToList();
        if (waits.Count == 0)
        {
            return new WaitEstimate(Math.Max(position, 1), null);
        }

        var agents = Math.Max(feed.AgentsOnline(record.OperatorId), 1);
        var median = waits[waits.Count / 2];
        var typical = median * Math.Ceiling(Math.Max(position, 1) / (double)agents);
        return new WaitEstimate(Math.Max(position, 1), typical);
    }
}
