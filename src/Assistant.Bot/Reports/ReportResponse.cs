using Assistant.Ticketing.Reports;

namespace Assistant.Bot.Reports;

/// <summary>The reports page's data for one period and set of operators.</summary>
public sealed record ReportResponse(
    DateOnly From,
    DateOnly To,
    IReadOnlyList<string> Operators,
    TicketFigures Tickets,
    HandoffFigures Handoffs,
    IReadOnlyList<ModerationCount> Moderation,
    IncidentFigures Incidents);

/// <summary>Conversations handed to a person in the period, and how long the users waited for one to answer.</summary>
public sealed record HandoffFigures(int Requested, int Accepted, double? MedianWaitMinutes, double? LongestWaitMinutes);

/// <summary>Automated moderation decisions in the period with this label and action.</summary>
public sealed record ModerationCount(string Label, string Action, int Count);
