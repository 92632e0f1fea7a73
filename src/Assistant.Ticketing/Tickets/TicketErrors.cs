namespace Assistant.Ticketing.Tickets;

/// <summary>No ticket with that reference (the API answers 404).</summary>
public sealed class TicketNotFoundException(string reference)
    : Exception($"No ticket with reference '{reference}'.")
{
    public string Reference { get; } = reference;
}

/// <summary>A value outside the taxonomy or a missing required field (the API answers 400).</summary>
public sealed class InvalidTicketValueException(string field, string? value, string problem)
    : Exception($"{field}: {problem}")
{
    public string Field { get; } = field;
    public string? Value { get; } = value;
}

/// <summary>A status change the workflow does not allow, e.g. closed → open (the API answers 409).</summary>
public sealed class InvalidTicketTransitionException(string reference, string from, string to)
    : Exception($"Ticket {reference} cannot go from '{from}' to '{to}'. Allowed from '{from}': {Describe(TicketWorkflow.NextStatuses(from))}.")
{
    public string Reference { get; } = reference;
    public string From { get; } = from;
    public string To { get; } = to;

    private static string Describe(IReadOnlyCollection<string> statuses) =>
        statuses.Count == 0 ? "none" : string.Join(", ", statuses);
}
