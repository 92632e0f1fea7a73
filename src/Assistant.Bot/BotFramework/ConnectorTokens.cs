using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace Assistant.Bot.BotFramework;

/// <summary>
/// The bearer token the bot presents to the Connector: client credentials of the conversation's registration for
/// <c>https://api.botframework.com/.default</c> from its tenant's token endpoint, kept per app id until five minutes
/// before it expires. None without an app id (Emulator).
/// </summary>
public sealed partial class ConnectorTokens(
    IOptions<BotFrameworkOptions> options,
    IHttpClientFactory http,
    TimeProvider time,
    ILogger<ConnectorTokens> logger)
{
    private static readonly TimeSpan RenewBefore = TimeSpan.FromMinutes(5);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly ConcurrentDictionary<string, (string Token, DateTimeOffset ExpiresAt)> _tokens = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// The token of that registration (null: the first, for references stored before registrations were listed), or null
    /// when no app id is configured. Throws <see cref="HttpRequestException"/> when the endpoint refuses or the app id is
    /// no longer configured.
    /// </summary>
    public async Task<string?> GetAsync(string? appId, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (!settings.IsAuthenticated)
        {
            return null;
        }

        if (settings.FindRegistration(appId) is not { } registration)
        {
            LogUnknownRegistration(logger, appId!);
            throw new HttpRequestException($"No Bot registration has the app id {appId}.");
        }

        if (Fresh(registration.MicrosoftAppId) is { } cached)
        {
            return cached;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (Fresh(registration.MicrosoftAppId) is { } fresh)
            {
                return fresh;
            }

            var endpoint = settings.ResolveTokenEndpoint(registration);
            using var form = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "client_credentials",
                ["client_id"] = registration.MicrosoftAppId,
                ["client_secret"] = registration.MicrosoftAppPassword ?? "",
                ["scope"] = settings.OAuthScope,
            });
            using var response = await http.CreateClient(BotFrameworkServices.HttpClientName).PostAsync(endpoint, form, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                LogRefused(logger, (int)response.StatusCode, endpoint, registration.MicrosoftAppId);
                throw new HttpRequestException($"The token endpoint answered {(int)response.StatusCode}.", null, response.StatusCode);
            }

            using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
            var token = body.RootElement.GetProperty("access_token").GetString()
                ?? throw new HttpRequestException("The token endpoint gave no access_token.");
            var lifetime = body.RootElement.TryGetProperty("expires_in", out var seconds) && seconds.TryGetInt32(out var value) ? value : 3600;
            _tokens[registration.MicrosoftAppId] = (token, time.GetUtcNow().AddSeconds(lifetime));
            LogIssued(logger, lifetime, registration.MicrosoftAppId);
            return token;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>The Connector refused the token: the next call for that registration fetches a new one.</summary>
    public void Invalidate(string? appId)
    {
        if (options.Value.FindRegistration(appId) is { } registration)
        {
            _tokens.TryRemove(registration.MicrosoftAppId, out _);
        }
    }

    private string? Fresh(string appId) =>
        _tokens.TryGetValue(appId, out var cached) && time.GetUtcNow() < cached.ExpiresAt - RenewBefore ? cached.Token : null;

    [LoggerMessage(Level = LogLevel.Debug, Message = "Got a Connector token for app id {AppId} valid {Lifetime} s")]
    private static partial void LogIssued(ILogger logger, int lifetime, string appId);

    [LoggerMessage(Level = LogLevel.Error, Message = "The token endpoint {TokenEndpoint} refused the credentials of app id {AppId} with {StatusCode}")]
    private static partial void LogRefused(ILogger logger, int statusCode, string tokenEndpoint, string appId);

    [LoggerMessage(Level = LogLevel.Error, Message = "A conversation belongs to app id {AppId}, which no Bot registration has any more: its replies cannot be sent")]
    private static partial void LogUnknownRegistration(ILogger logger, string appId);
}
