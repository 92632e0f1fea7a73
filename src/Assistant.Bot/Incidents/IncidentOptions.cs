using System.ComponentModel.DataAnnotations;

namespace Assistant.Bot.Incidents;

/// <summary>
/// <c>Assistant:Incidents</c>: when similar reports on one product become a suggested incident in the agent console.
/// </summary>
public sealed class IncidentOptions
{
    public const string SectionName = "Assistant:Incidents";

    /// <summary>Reports on the same product and category, with similar descriptions, that make a suggestion.</summary>
    [Range(2, 1000)]
    public int SurgeThreshold { get; set; } = 10;

    /// <summary>How far back the reports are counted.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00")]
    public TimeSpan SurgeWindow { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Share of the shorter description's significant words the two descriptions must have in common.</summary>
    [Range(0.05, 1.0)]
    public double SurgeSimilarity { get; set; } = 0.4;
}
