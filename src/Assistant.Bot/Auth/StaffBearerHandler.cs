using System.Security.Claims;
using System.Text.Encodings.Web;
using Assistant.Ticketing.Staff;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Assistant.Bot.Auth;

/// <summary>Reads <c>Authorization: Bearer …</c>, checks the token, and loads the staff user it names.</summary>
public sealed class StaffBearerHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    StaffTokens tokens,
    IStaffStore staff) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Bearer";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        // Direct Line requests carry the channel's own bearer tokens, checked by the channel: not staff logins.
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) || Request.Path.StartsWithSegments("/v3/directline"))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var staffId = tokens.Validate(header["Bearer ".Length..].Trim());
        var user = staffId is null ? null : staff.Find(staffId);
        if (user is null || user.Disabled)
        {
            return Task.FromResult(AuthenticateResult.Fail("The access token is invalid or expired."));
        }

        var principal = new ClaimsPrincipal(StaffClaims.Identity(user, SchemeName));
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName)));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = "Bearer";
        return base.HandleChallengeAsync(properties);
    }
}
