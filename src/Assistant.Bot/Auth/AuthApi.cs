using System.Text.Json.Serialization;
using Assistant.Ticketing.Staff;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Assistant.Bot.Auth;

public sealed record TokenRequest(string? Email, string? Password);

/// <summary>OAuth-style token answer (RFC 6749 §5.1 names).</summary>
public sealed record TokenResponse(
    [property: JsonPropertyName("access_token")] string AccessToken,
    [property: JsonPropertyName("token_type")] string TokenType,
    [property: JsonPropertyName("expires_in")] long ExpiresIn);

public static partial class AuthApi
{
    private const string InvalidCredentials = "Invalid email or password.";

    public static IEndpointRouteBuilder MapAuthApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/auth").WithTags("Auth").AllowAnonymous();
        group.MapPost("/token", IssueToken)
            .WithSummary("Exchanges a staff email and password for a bearer token")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        app.MapStaffApi();
        return app;
    }

    internal static Results<Ok<TokenResponse>, ValidationProblem, ProblemHttpResult> IssueToken(
        TokenRequest request,
        HttpContext http,
        IStaffStore staff,
        StaffPasswords passwords,
        StaffTokens tokens,
        LoginThrottle throttle,
        ILoggerFactory loggers)
    {
        if (string.IsNullOrWhiteSpace(request.Email) || string.IsNullOrEmpty(request.Password))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["email"] = string.IsNullOrWhiteSpace(request.Email) ? ["The email is required."] : [],
                ["password"] = string.IsNullOrEmpty(request.Password) ? ["The password is required."] : [],
            }.Where(e => e.Value.Length > 0).ToDictionary());
        }

        var logger = loggers.CreateLogger(typeof(AuthApi));
        var email = request.Email.Trim().ToLowerInvariant();
        var client = http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        if (throttle.RetryAfter(email, client) is { } wait)
        {
            LogThrottled(logger, client);
            http.Response.Headers.RetryAfter = ((int)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return TypedResults.Problem("Too many failed logins. Try again later.", statusCode: StatusCodes.Status429TooManyRequests, title: "Too many attempts");
        }

        var user = staff.FindByEmail(email);
        // One answer for an unknown email, a wrong password and a disabled account: no one learns which emails exist.
        if (!passwords.Verify(user, request.Password, out var rehashed) || user is null || user.Disabled)
        {
            throttle.Failed(email, client);
            LogFailed(logger, client);
            return TypedResults.Problem(InvalidCredentials, statusCode: StatusCodes.Status401Unauthorized, title: "Login failed");
        }

        if (rehashed is not null)
        {
            user.PasswordHash = rehashed;
            staff.Update(user);
        }

        LogIssued(logger, user.Id, user.Role);
        return TypedResults.Ok(new TokenResponse(tokens.Issue(user), "Bearer", (long)tokens.Lifetime.TotalSeconds));
    }

    [LoggerMessage(EventId = 4101, Level = LogLevel.Information, Message = "Token issued to staff {StaffId} ({Role})")]
    private static partial void LogIssued(ILogger logger, string staffId, string role);

    [LoggerMessage(EventId = 4102, Level = LogLevel.Warning, Message = "Failed staff login from {Client}")]
    private static partial void LogFailed(ILogger logger, string client);

    [LoggerMessage(EventId = 4103, Level = LogLevel.Warning, Message = "Staff login refused from {Client}: too many failures")]
    private static partial void LogThrottled(ILogger logger, string client);
}
