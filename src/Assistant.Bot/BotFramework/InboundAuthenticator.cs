using System.Net;
using Assistant.Bot.Channel.Activities;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Assistant.Bot.BotFramework;

/// <summary>
/// Whether a request to <c>/api/messages</c> may go on: 200 when it may, with the registration its token was issued for
/// (null for the Emulator on loopback), else 401 or 403 with the reason logged.
/// </summary>
public sealed record InboundCheck(int StatusCode, string? Reason, BotRegistration? Registration = null)
{
    public static readonly InboundCheck Allowed = new(StatusCodes.Status200OK, null);

    public static InboundCheck AllowedFor(BotRegistration registration) => new(StatusCodes.Status200OK, null, registration);

    public bool IsAllowed => StatusCode == StatusCodes.Status200OK;
}

/// <summary>
/// Checks the bearer token Azure Bot Service (or an Entra-issued caller) sends with each activity, as the Bot Connector
/// authentication rules say: issuer, audience = the app id of one of our registrations (which picks the registration), lifetime with 5 minutes of clock skew, an RS256/384/512
/// signature by a key of the issuer's OpenID key set, the <c>serviceurl</c> claim equal to the activity's serviceUrl,
/// and the activity's channel among the signing key's endorsements. There is no switch that turns this off: without an
/// app id, only loopback callers (the Emulator on the same machine) are let in, unauthenticated.
/// </summary>
public sealed partial class InboundAuthenticator
{
    public static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    private static readonly string[] Algorithms = [SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSha384, SecurityAlgorithms.RsaSha512];

    private readonly BotFrameworkOptions _options;
    private readonly OpenIdKeys _channelKeys;
    private readonly OpenIdKeys _entraKeys;
    private readonly JsonWebTokenHandler _handler = new();
    private readonly ILogger<InboundAuthenticator> _logger;

    public InboundAuthenticator(IOptions<BotFrameworkOptions> options, IHttpClientFactory http, TimeProvider time, ILogger<InboundAuthenticator> logger)
    {
        _options = options.Value;
        _logger = logger;
        var client = http.CreateClient(BotFrameworkServices.HttpClientName);
        _channelKeys = new OpenIdKeys(_options.OpenIdMetadataUrl, client, time, _options.KeysRefreshInterval, _options.KeysMinimumRefresh, logger);
        _entraKeys = new OpenIdKeys(_options.EntraOpenIdMetadataUrl, client, time, _options.KeysRefreshInterval, _options.KeysMinimumRefresh, logger);
    }

    /// <param name="proxied">The request carries forwarding headers: it came through a proxy, whatever its address here.</param>
    public async Task<InboundCheck> CheckAsync(string? authorization, Activity activity, IPAddress? remoteAddress, bool proxied, CancellationToken cancellationToken)
    {
        var check = await EvaluateAsync(authorization, activity, remoteAddress, proxied, cancellationToken);
        if (!check.IsAllowed)
        {
            LogRefused(_logger, check.StatusCode, check.Reason!, activity.ChannelId, remoteAddress?.ToString());
        }

        return check;
    }

    private async Task<InboundCheck> EvaluateAsync(string? authorization, Activity activity, IPAddress? remoteAddress, bool proxied, CancellationToken cancellationToken)
    {
        if (!_options.IsAuthenticated)
        {
            // A reverse proxy on the same machine connects from loopback too: what it forwards is not the local Emulator.
            return remoteAddress is not null && IPAddress.IsLoopback(remoteAddress) && !proxied
                ? InboundCheck.Allowed
                : Unauthorized("no Bot:MicrosoftAppId is configured, so only direct loopback callers are accepted");
        }

        if (authorization is null || !authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return Unauthorized("no bearer token");
        }

        var raw = authorization["Bearer ".Length..].Trim();
        JsonWebToken token;
        try
        {
            token = _handler.ReadJsonWebToken(raw);
        }
        catch (ArgumentException)
        {
            return Unauthorized("the bearer token is not a JWT");
        }

        // The audience picks the registration; the signature check below validates it like every other claim.
        var registration = token.Audiences.Select(_options.FindRegistration).FirstOrDefault(r => r is not null);
        if (registration is null)
        {
            return Unauthorized("the token's audience is not the app id of any registration of this bot");
        }

        var fromChannel = token.Issuer == BotFrameworkOptions.BotFrameworkIssuer;
        if (!fromChannel && !EntraIssuers(registration).Contains(token.Issuer))
        {
            return Unauthorized($"issuer {token.Issuer} is not trusted");
        }

        if (!Algorithms.Contains(token.Alg))
        {
            return Unauthorized($"signing algorithm {token.Alg} is not accepted");
        }

        var keyId = string.IsNullOrEmpty(token.Kid) ? token.X5t : token.Kid;
        var keys = fromChannel ? _channelKeys : _entraKeys;
        if (string.IsNullOrEmpty(keyId) || await keys.FindAsync(keyId, cancellationToken) is not { } key)
        {
            return Unauthorized("the token is signed with a key the issuer does not publish");
        }

        var result = await _handler.ValidateTokenAsync(raw, new TokenValidationParameters
        {
            ValidIssuer = token.Issuer,
            ValidAudience = registration.MicrosoftAppId,
            IssuerSigningKey = key.Key,
            ValidAlgorithms = Algorithms,
            ClockSkew = ClockSkew,
            RequireExpirationTime = true,
            RequireSignedTokens = true,
            ValidateIssuerSigningKey = true,
        });
        if (!result.IsValid)
        {
            return Unauthorized(result.Exception switch
            {
                SecurityTokenInvalidAudienceException => "the token's audience is not this bot's app id",
                SecurityTokenExpiredException => "the token has expired",
                SecurityTokenNotYetValidException => "the token is not valid yet",
                SecurityTokenInvalidSignatureException => "the token's signature is invalid",
                _ => "the token is invalid (" + result.Exception?.GetType().Name + ")",
            });
        }

        var serviceUrl = token.TryGetClaim("serviceurl", out var claim) ? claim.Value : null;
        if (fromChannel && serviceUrl is null)
        {
            return Unauthorized("the token has no serviceurl claim");
        }

        if (serviceUrl is not null && !string.Equals(serviceUrl, activity.ServiceUrl, StringComparison.OrdinalIgnoreCase))
        {
            return Unauthorized("the token's serviceurl claim differs from the activity's serviceUrl");
        }

        if (fromChannel && !string.IsNullOrEmpty(activity.ChannelId) && key.Endorsements?.Contains(activity.ChannelId, StringComparer.Ordinal) != true)
        {
            return new InboundCheck(StatusCodes.Status403Forbidden, $"the signing key is not endorsed for channel {activity.ChannelId}");
        }

        return InboundCheck.AllowedFor(registration);
    }

    /// <summary>The Entra issuers of a single-tenant registration (v1 and v2 tokens); none without a tenant.</summary>
    private static HashSet<string> EntraIssuers(BotRegistration registration) => string.IsNullOrWhiteSpace(registration.MicrosoftAppTenantId)
        ? []
        : [$"https://sts.windows.net/{registration.MicrosoftAppTenantId}/", $"https://login.microsoftonline.com/{registration.MicrosoftAppTenantId}/v2.0"];

    private static InboundCheck Unauthorized(string reason) => new(StatusCodes.Status401Unauthorized, reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Bot Framework request refused with {StatusCode}: {Reason} (channel {ChannelId}, from {RemoteAddress})")]
    private static partial void LogRefused(ILogger logger, int statusCode, string reason, string? channelId, string? remoteAddress);
}
