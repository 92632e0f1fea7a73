namespace Assistant.Ticketing.Consents;

/// <summary>A user's answer to an operator's terms of use (CGU), kept as evidence: one record per answer.</summary>
public sealed class ConsentRecord
{
    public long Id { get; set; }
    public string OperatorId { get; set; } = "";
    public string UserId { get; set; } = "";
    public string CguVersion { get; set; } = "";
    public bool Accepted { get; set; }
    public DateTimeOffset At { get; set; }
}
