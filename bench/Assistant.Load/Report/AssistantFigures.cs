using Assistant.Load.Servers;

namespace Assistant.Load.Report;

/// <summary>What is measured on the assistant's process besides the chats' own timings.</summary>
public sealed record AssistantFigures(
    ProcessStats WindowStart,
    ProcessStats WindowEnd,
    long IdleResidentBytes,
    long ResidentWithIdleChats,
    int IdleChats,
    StepSplit? Steps);
