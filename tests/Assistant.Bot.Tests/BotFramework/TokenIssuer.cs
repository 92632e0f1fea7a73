using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Assistant.Bot.Tests.BotFramework;

/// <summary>
/// Azure Bot Service as the endpoint sees it, on a loopback port: an OpenID metadata document and key set built from RSA
/// keys this test generates (each with its endorsed channels), a token endpoint, and a Connector that records what it gets.
/// </summary>
public sealed class TokenIssuer : IAsyncDisposable
{
    public const string AppId = "11111111-2222-3333-4444-555555555555";
    public const string Issuer = "https://api.botframework.com";

    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, (RSA Key, string[] Endorsements)> _published = new();
    private int _keySetFetches;

    private TokenIssuer(WebApplication app) => _app = app;

    public Uri BaseAddress { get; private set; } = null!;

    public string MetadataUrl => new Uri(BaseAddress, "v1/.well-known/openidconfiguration").ToString();

    public string TokenEndpoint => new Uri(BaseAddress, "oauth2/v2.0/token").ToString();

    /// <summary>The serviceUrl of the activities: this server's Connector.</summary>
    public string ServiceUrl => new Uri(BaseAddress, "connector/").ToString();

    public int KeySetFetches => Volatile.Read(ref _keySetFetches);

    /// <summary>Activities posted to the Connector, with the path they were posted to and their bearer token.</summary>
    public ConcurrentQueue<(string Path, string? Authorization, JsonObject Activity)> Received { get; } = new();

    public int TokenRequests;

    /// <summary>The app ids the token endpoint knows, with their secrets; others (or a wrong secret) get 401.</summary>
    public ConcurrentDictionary<string, string> Secrets { get; } = new() { [AppId] = "test-password" };

    /// <summary>How many of the next messages the Connector answers with 503 (typing indicators are not counted).</summary>
    public int FailNextMessages;

    /// <summary>Every message the Connector was sent, answered or not.</summary>
    public int MessageCalls;

    public static async Task<TokenIssuer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var issuer = new TokenIssuer(app);
        app.MapGet("/v1/.well-known/openidconfiguration", () => Results.Json(new JsonObject
        {
            ["issuer"] = Issuer,
            ["jwks_uri"] = new Uri(issuer.BaseAddress, "v1/.well-known/keys").ToString(),
            ["id_token_signing_alg_values_supported"] = new JsonArray("RS256"),
        }));
        app.MapGet("/v1/.well-known/keys", () =>
        {
            Interlocked.Increment(ref issuer._keySetFetches);
            return Results.Json(new JsonObject { ["keys"] = new JsonArray([.. issuer._published.Select(p => Jwk(p.Key, p.Value.Key, p.Value.Endorsements))]) });
        });
        app.MapPost("/oauth2/v2.0/token", async (HttpRequest request) =>
        {
            Interlocked.Increment(ref issuer.TokenRequests);
            var form = await request.ReadFormAsync();
            var client = form["client_id"].ToString();
            if (!issuer.Secrets.TryGetValue(client, out var secret) || secret != form["client_secret"].ToString())
            {
                return Results.StatusCode(StatusCodes.Status401Unauthorized);
            }

            return Results.Json(new JsonObject { ["token_type"] = "Bearer", ["expires_in"] = 3600, ["access_token"] = ConnectorTokenOf(client) });
        });
        app.MapPost("/connector/v3/conversations/{**rest}", async (HttpRequest request) =>
        {
            var activity = (JsonObject)(await JsonNode.ParseAsync(request.Body))!;
            if ((string?)activity["type"] == "message")
            {
                Interlocked.Increment(ref issuer.MessageCalls);
                if (Interlocked.Decrement(ref issuer.FailNextMessages) >= 0)
                {
                    return Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
                }
            }

            issuer.Received.Enqueue((request.Path.Value!, request.Headers.Authorization.FirstOrDefault(), activity));
            return Results.Json(new JsonObject { ["id"] = Guid.NewGuid().ToString("N") });
        });
        await app.StartAsync();
        issuer.BaseAddress = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/");
        return issuer;
    }

    /// <summary>The access token the token endpoint gives that app id.</summary>
    public static string ConnectorTokenOf(string appId) => appId == AppId ? "connector-token-1" : "connector-token-" + appId;

    /// <summary>Publishes a new key in the key set, endorsed for those channels; returns its id.</summary>
    public string Publish(params string[] endorsements)
    {
        var kid = "key-" + Guid.NewGuid().ToString("N")[..8];
        _published[kid] = (RSA.Create(2048), endorsements);
        return kid;
    }

    /// <summary>A key of the test's own that the key set does not list.</summary>
    public static (string Kid, RSA Key) Unpublished() => ("key-" + Guid.NewGuid().ToString("N")[..8], RSA.Create(2048));

    public RSA KeyOf(string kid) => _published[kid].Key;

    /// <summary>A channel token as Azure Bot Service signs it, with each part overridable for the bad cases.</summary>
    public string CreateToken(
        string kid,
        RSA? signingKey = null,
        string issuer = Issuer,
        string audience = AppId,
        string? serviceUrl = null,
        DateTime? expires = null)
    {
        var expiry = expires ?? DateTime.UtcNow.AddMinutes(30);
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            NotBefore = expiry.AddMinutes(-60),
            IssuedAt = expiry.AddMinutes(-60),
            Expires = expiry,
            Claims = new Dictionary<string, object> { ["serviceurl"] = serviceUrl ?? ServiceUrl },
            SigningCredentials = new SigningCredentials(new RsaSecurityKey(signingKey ?? KeyOf(kid)) { KeyId = kid }, SecurityAlgorithms.RsaSha256),
        };
        return new JsonWebTokenHandler().CreateToken(descriptor);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        foreach (var (key, _) in _published.Values)
        {
            key.Dispose();
        }
    }

    private static JsonObject Jwk(string kid, RSA key, string[] endorsements)
    {
        var parameters = key.ExportParameters(includePrivateParameters: false);
        return new JsonObject
        {
            ["kty"] = "RSA",
            ["use"] = "sig",
            ["kid"] = kid,
            ["n"] = Base64UrlEncoder.Encode(parameters.Modulus),
            ["e"] = Base64UrlEncoder.Encode(parameters.Exponent),
            ["endorsements"] = new JsonArray([.. endorsements.Select(e => JsonValue.Create(e))]),
        };
    }
}
