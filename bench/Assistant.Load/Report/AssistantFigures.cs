using Assistant.Load.Servers;

namespace Assistant.Load.Report;

/// <summary>What is measured on the assistant's process besides the chats' own timings.</summary>
/// <param name="IncidentReports">With <c>--incident</c>: the reports linked to the declared incidents at the end of the run.</param>
/// <param name="DeviceWritten">The block device of the data directory and the bytes it wrote over the window, when it is one.</param>
public sealed record AssistantFigures(
    ProcessStats WindowStart,
    ProcessStats WindowEnd,
    long IdleResidentBytes,
    long ResidentWithIdleChats,
    int IdleChats,
    StepSplit? Steps,
    int? IncidentReports = null,
    (string Device, long Bytes)? DeviceWritten = null);
