namespace Assistant.Bot.Auth;

/// <summary>The <c>Assistant:Bootstrap</c> section: the first admin, created only while no staff user exists.</summary>
public sealed class BootstrapOptions
{
    public const string SectionName = "Assistant:Bootstrap";
    public const int MinPasswordLength = 10;

    public string? AdminEmail { get; set; }
    public string? AdminPassword { get; set; }
    public string AdminName { get; set; } = "Administrator";
}
