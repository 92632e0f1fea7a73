using System.ComponentModel.DataAnnotations;
using Assistant.Knowledge.Retrieval;

namespace Assistant.Bot.SelfService;

/// <summary><c>Assistant:SelfService</c>: help articles offered before a ticket is filed.</summary>
public sealed class SelfServiceOptions
{
    public const string SectionName = "Assistant:SelfService";

    /// <summary>Off: every problem goes straight to the ticket, as before.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The articles' folder (<c>&lt;operator&gt;/&lt;slug&gt;.&lt;lang&gt;.md</c>); empty: <c>kb</c> beside the binaries.</summary>
    public string? Directory { get; set; }

    /// <summary>Confidence from which one article is given as the answer.</summary>
    [Range(0.0, 1.0)]
    public float AnswerThreshold { get; set; } = RetrievalThresholds.DefaultAnswer;

    /// <summary>Confidence from which up to three articles are offered; below, nothing is said.</summary>
    [Range(0.0, 1.0)]
    public float OfferThreshold { get; set; } = RetrievalThresholds.DefaultOffer;

    /// <summary>An answer the user leaves without saying yes or no counts as an assumed resolution after this long.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "30.00:00:00")]
    public TimeSpan AssumedResolutionAfter { get; set; } = TimeSpan.FromHours(24);

    public string ResolveDirectory() =>
        string.IsNullOrWhiteSpace(Directory) ? Path.Combine(AppContext.BaseDirectory, "kb") : Path.GetFullPath(Directory);
}
