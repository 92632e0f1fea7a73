using System.Text.Json;
using Microsoft.Extensions.Options;

namespace Assistant.Bot.BotFramework;

/// <summary>
/// The bearer token the bot presents to the Connector: client credentials for <c>https://api.botframework.com/.default</c>
/// from the tenant's token endpoint, kept until five minutes before it expires. None without an app id (Emulator).
/// </summary>
public sealed partial class ConnectorTokens(
    IOptions<BotFrameworkOptions> options,
    IHttpClientFactory http,
    TimeProvider time,
    ILogger<ConnectorTokens> logger)
{
    private static readonly TimeSpan RenewBefore = TimeSpan.FromMinutes(5);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private string? _token;
    private DateTimeOffset _expiresAt;

    /// <summary>The token, or null when no app id is configured. Throws <see cref="HttpRequestException"/> when the endpoint refuses.</summary>
    public async Task<string?> GetAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (!settings.IsAuthenticated)
        {
            return null;
        }

        if (_token is { } cached && time.GetUtcNow() < _expiresAt - RenewBefore)
        {
            return cached;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_token is { } fresh && time.GetUtcNow() < _expiresAt - RenewBefore)
            {
                return fresh;
            }

            using var form = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "client_credentials",
                ["client_id"] = settings.MicrosoftAppId!,
                ["client_secret"] = settings.MicrosoftAppPassword ?? "",
                ["scope"] = settings.OAuthScope,
            });
            using var response = await http.CreateClient(BotFrameworkServices.HttpClientName).PostAsync(settings.ResolveTokenEndpoint(), form, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                LogRefused(logger, (int)response.StatusCode, settings.ResolveTokenEndpoint());
                throw new HttpRequestException($"The token endpoint answered {(int)response.StatusCode}.", null, response.StatusCode);
            }

            using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
            _token = body.RootElement.GetProperty("access_token").GetString();
            var lifetime = body.RootElement.TryGetProperty("expires_in", out var seconds) && seconds.TryGetInt32(out var value) ? value : 3600;
            _expiresAt = time.GetUtcNow().AddSeconds(lifetime);
            LogIssued(logger, lifetime);
            return _token;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>The Connector refused the token: the next call fetches a new one.</summary>
    public void Invalidate() => _token = null;

    [LoggerMessage(Level = LogLevel.Debug, Message = "Got a Connector token valid {Lifetime} s")]
    private static partial void LogIssued(ILogger logger, int lifetime);

    [LoggerMessage(Level = LogLevel.Error, Message = "The token endpoint {TokenEndpoint} refused the bot's credentials with {StatusCode}")]
    private static partial void LogRefused(ILogger logger, int statusCode, string tokenEndpoint);
}
