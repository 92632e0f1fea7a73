using System.Security.Claims;
using Assistant.Ticketing.Staff;

namespace Assistant.Bot.Auth;

/// <summary>The claims of an authenticated staff user, and what they let that user see.</summary>
public static class StaffClaims
{
    public const string OperatorClaim = "operator";

    public static ClaimsIdentity Identity(StaffUser user, string scheme)
    {
        var identity = new ClaimsIdentity(scheme, ClaimTypes.Name, ClaimTypes.Role);
        identity.AddClaim(new Claim(ClaimTypes.NameIdentifier, user.Id));
        identity.AddClaim(new Claim(ClaimTypes.Name, user.DisplayName));
        identity.AddClaim(new Claim(ClaimTypes.Email, user.Email));
        identity.AddClaim(new Claim(ClaimTypes.Role, user.Role));
        foreach (var operatorId in user.OperatorIds)
        {
            identity.AddClaim(new Claim(OperatorClaim, operatorId));
        }

        return identity;
    }

    public static StaffScope Scope(this ClaimsPrincipal principal) => new(
        principal.FindFirstValue(ClaimTypes.NameIdentifier) ?? "",
        principal.FindFirstValue(ClaimTypes.Name),
        principal.IsInRole(StaffRoles.Admin),
        [.. principal.FindAll(OperatorClaim).Select(c => c.Value)]);
}

/// <summary>Who is calling and which operators' tickets they may see: admins all, agents their own.</summary>
public sealed record StaffScope(string StaffId, string? DisplayName, bool IsAdmin, IReadOnlyCollection<string> OperatorIds)
{
    public string Role => IsAdmin ? StaffRoles.Admin : StaffRoles.Agent;

    public bool CanSee(string operatorId) => IsAdmin || OperatorIds.Contains(operatorId, StringComparer.OrdinalIgnoreCase);

    /// <summary>This staff user as the author of a ticket change.</summary>
    public Assistant.Ticketing.Tickets.Actor Actor() => new(Role, StaffId, DisplayName);
}
