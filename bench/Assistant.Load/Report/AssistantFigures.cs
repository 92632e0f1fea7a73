using Assistant.Load.Servers;

namespace Assistant.Load.Report;

/// <summary>What is measured on the assistant's process besides the chats' own timings.</summary>
/// <param name="IncidentReports">With <c>--incident</c>: the reports linked to the declared incidents at the end of the run.</param>
public sealed record AssistantFigures(
    ProcessStats WindowStart,
    ProcessStats WindowEnd,
    long IdleResidentBytes,
    long ResidentWithIdleChats,
    int IdleChats,
    StepSplit? Steps,
    int? IncidentReports = null);
