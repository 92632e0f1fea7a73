namespace Assistant.Bot.Intake;

/// <summary>One bot message of the dialog. <paramref name="Slot"/> is set when it waits for one piece of information.</summary>
public sealed record Reply(string Text, string? Slot = null, IReadOnlyList<Choice>? Choices = null);

/// <summary>A suggested action: the title shown, the text sent back when clicked.</summary>
public sealed record Choice(string Title, string Value);

/// <summary>The slot names of DESIGN.md, carried in <c>channelData.slot</c>.</summary>
public static class Slots
{
    public const string Consent = "consent";
    public const string Description = "description";
    public const string Product = "product";
    public const string Category = "category";
    public const string Name = "name";
    public const string Email = "email";
    public const string Phone = "phone";
    public const string CustomerNumber = "customerNumber";
    public const string Confirmation = "confirmation";
    public const string Other = "other";
    /// <summary>Yes or no: is the problem the ongoing incident the assistant just told about?</summary>
    public const string Incident = "incident";
    /// <summary>Yes or no: did the help article (or one of those offered) solve the problem?</summary>
    public const string Article = "article";
}
