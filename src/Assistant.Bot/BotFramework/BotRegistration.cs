namespace Assistant.Bot.BotFramework;

/// <summary>
/// One Azure Bot registration the endpoint answers for: its app id (the audience of its inbound tokens), the secret of
/// its outbound tokens, its tenant, and the operator whose assistant its users talk to.
/// </summary>
public sealed class BotRegistration
{
    public string MicrosoftAppId { get; set; } = "";

    public string? MicrosoftAppPassword { get; set; }

    /// <summary>Empty: the multi-tenant <c>botframework.com</c> tenant.</summary>
    public string? MicrosoftAppTenantId { get; set; }

    /// <summary>Empty: <c>Bot:Operator</c>, then <c>Assistant:DefaultOperator</c>.</summary>
    public string? Operator { get; set; }
}
