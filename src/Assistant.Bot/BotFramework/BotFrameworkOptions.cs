using System.ComponentModel.DataAnnotations;

namespace Assistant.Bot.BotFramework;

/// <summary>
/// The <c>Bot</c> section: the Azure Bot Service registrations this endpoint answers for. The top-level
/// <c>MicrosoftAppId</c> keys are one registration; <c>Registrations</c> lists more, each with its own operator.
/// </summary>
public sealed class BotFrameworkOptions
{
    public const string SectionName = "Bot";

    public const string BotFrameworkIssuer = "https://api.botframework.com";
    public const string PublicOpenIdMetadataUrl = "https://login.botframework.com/v1/.well-known/openidconfiguration";
    public const string PublicEntraMetadataUrl = "https://login.microsoftonline.com/common/v2.0/.well-known/openid-configuration";

    /// <summary>The bot's Microsoft App ID (the audience of inbound tokens). Empty: unauthenticated calls from loopback only (Emulator).</summary>
    public string? MicrosoftAppId { get; set; }

    /// <summary>The app's client secret, for the tokens the bot sends to the Connector.</summary>
    public string? MicrosoftAppPassword { get; set; }

    /// <summary>The tenant of a single-tenant registration; empty means the multi-tenant <c>botframework.com</c> tenant.</summary>
    public string? MicrosoftAppTenantId { get; set; }

    /// <summary>More registrations in the same deployment (one per operator, typically); the inbound token's audience picks one.</summary>
    public List<BotRegistration> Registrations { get; set; } = [];

    /// <summary>Where the signing keys of Azure Bot Service tokens are published.</summary>
    [Required]
    public string OpenIdMetadataUrl { get; set; } = PublicOpenIdMetadataUrl;

    /// <summary>Where the signing keys of Entra-issued tokens (single-tenant, agent-to-agent) are published.</summary>
    [Required]
    public string EntraOpenIdMetadataUrl { get; set; } = PublicEntraMetadataUrl;

    /// <summary>The OAuth token endpoint for outbound tokens; empty: the tenant's <c>login.microsoftonline.com</c> endpoint.</summary>
    public string? TokenEndpoint { get; set; }

    /// <summary>The scope of outbound tokens.</summary>
    [Required]
    public string OAuthScope { get; set; } = "https://api.botframework.com/.default";

    /// <summary>The signing keys are fetched again after this long even when no unknown key appeared.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00")]
    public TimeSpan KeysRefreshInterval { get; set; } = TimeSpan.FromHours(24);

    /// <summary>An unknown key id fetches the keys again, but not more often than this.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan KeysMinimumRefresh { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The operator (tenant of the support service) whose assistant answers; by default <c>Assistant:DefaultOperator</c>.</summary>
    public string? Operator { get; set; }

    /// <summary>Per channel id (<c>msteams</c>, <c>slack</c>…), an operator other than <see cref="Operator"/>.</summary>
    public Dictionary<string, string> ChannelOperators { get; set; } = [];

    /// <summary>How many times a reply is sent to a failing Connector before it is logged as undelivered.</summary>
    [Range(1, 20)]
    public int DeliveryAttempts { get; set; } = 5;

    /// <summary>The first wait between two attempts; it doubles after each failure.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:05:00")]
    public TimeSpan DeliveryBackoff { get; set; } = TimeSpan.FromSeconds(1);

    public bool IsAuthenticated => AllRegistrations().Count > 0;

    /// <summary>The top-level registration (if its app id is set) first, then the listed ones.</summary>
    public IReadOnlyList<BotRegistration> AllRegistrations()
    {
        var all = new List<BotRegistration>();
        if (!string.IsNullOrWhiteSpace(MicrosoftAppId))
        {
            all.Add(new BotRegistration
            {
                MicrosoftAppId = MicrosoftAppId,
                MicrosoftAppPassword = MicrosoftAppPassword,
                MicrosoftAppTenantId = MicrosoftAppTenantId,
                Operator = Operator,
            });
        }

        all.AddRange(Registrations);
        return all;
    }

    /// <summary>The registration of that app id; null for none (or for null: the first one, as references stored before registrations were listed).</summary>
    public BotRegistration? FindRegistration(string? appId) =>
        appId is null ? AllRegistrations().FirstOrDefault()
        : AllRegistrations().FirstOrDefault(r => string.Equals(r.MicrosoftAppId, appId, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// What keys a channel conversation besides its channel and id: nothing for the top-level registration (and the
    /// Emulator), the app id for a listed one, so two bots in the same Teams group chat keep separate conversations.
    /// </summary>
    public string? ConversationScope(BotRegistration? registration) =>
        registration is null || string.Equals(registration.MicrosoftAppId, MicrosoftAppId, StringComparison.OrdinalIgnoreCase)
            ? null : registration.MicrosoftAppId;

    /// <summary>Whose assistant answers: the per-channel mapping, then the registration's operator, then <see cref="Operator"/>.</summary>
    public string? OperatorFor(string channelId, BotRegistration? registration) =>
        ChannelOperators.GetValueOrDefault(channelId)
        ?? (string.IsNullOrWhiteSpace(registration?.Operator) ? null : registration.Operator)
        ?? (string.IsNullOrWhiteSpace(Operator) ? null : Operator);

    /// <summary>Every listed registration has an app id and a password, and no app id is given twice.</summary>
    public bool RegistrationsAreComplete() =>
        Registrations.All(r => !string.IsNullOrWhiteSpace(r.MicrosoftAppId) && !string.IsNullOrWhiteSpace(r.MicrosoftAppPassword))
        && AllRegistrations().Select(r => r.MicrosoftAppId).Distinct(StringComparer.OrdinalIgnoreCase).Count() == AllRegistrations().Count;

    public string ResolveTokenEndpoint(BotRegistration registration) =>
        !string.IsNullOrWhiteSpace(TokenEndpoint) ? TokenEndpoint
        : $"https://login.microsoftonline.com/{(string.IsNullOrWhiteSpace(registration.MicrosoftAppTenantId) ? "botframework.com" : registration.MicrosoftAppTenantId)}/oauth2/v2.0/token";
}
