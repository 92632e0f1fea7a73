using System.Security.Claims;
using System.Security.Cryptography;
using Assistant.Bot.Admin.Audit;
using Assistant.Ticketing.Operators;
using Assistant.Ticketing.Staff;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Assistant.Bot.Auth;

public sealed record StaffResponse(string Id, string Email, string DisplayName, string Role, IReadOnlyList<string> OperatorIds, bool Disabled, DateTimeOffset CreatedAt)
{
    public static StaffResponse From(StaffUser user) =>
        new(user.Id, user.Email, user.DisplayName, user.Role, user.OperatorIds, user.Disabled, user.CreatedAt);
}

public sealed record NewStaffRequest(string? Email, string? DisplayName, string? Role, IReadOnlyList<string>? OperatorIds, string? Password);

/// <summary>Null fields are left as they are; a password sets a new one.</summary>
public sealed record StaffPatchRequest(string? DisplayName, string? Role, IReadOnlyList<string>? OperatorIds, bool? Disabled, string? Password);

/// <summary>A new password made by the server, shown once to the admin who asked for it.</summary>
public sealed record PasswordResetResponse(string Id, string TemporaryPassword);

/// <summary>Staff accounts, for admins; and <c>/api/auth/me</c> for any signed-in staff user. Every change is audited.</summary>
public static class StaffApi
{
    public const int MinPasswordLength = BootstrapOptions.MinPasswordLength;

    public static IEndpointRouteBuilder MapStaffApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/auth/me", Me)
            .WithTags("Auth")
            .RequireAuthorization(StaffAuthSetup.AgentPolicy)
            .WithSummary("The signed-in staff user: role and operators");

        var group = app.MapGroup("/api/staff").WithTags("Staff").RequireAuthorization(StaffAuthSetup.AdminPolicy)
            .WithMetadata(AuditedByEndpoint.Instance);
        group.MapGet("/", (IStaffStore staff) => TypedResults.Ok(staff.List().Select(StaffResponse.From).ToList()))
            .WithSummary("Lists agents and admins");
        group.MapPost("/", Create).WithSummary("Adds an agent or admin");
        group.MapPatch("/{id}", Update).WithSummary("Changes name, role, operators, password, or disables an account");
        group.MapPost("/{id}/reset-password", ResetPassword).WithSummary("Sets a random temporary password and returns it once");
        return app;
    }

    internal static Results<Ok<StaffResponse>, NotFound> Me(ClaimsPrincipal user, IStaffStore staff) =>
        staff.Find(user.Scope().StaffId) is { } me ? TypedResults.Ok(StaffResponse.From(me)) : TypedResults.NotFound();

    internal static Results<Created<StaffResponse>, ValidationProblem, ProblemHttpResult> Create(
        NewStaffRequest request, ClaimsPrincipal admin, IStaffStore staff, StaffPasswords passwords, IOperatorCatalog operators, AuditLog audit)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.Email) || !request.Email.Contains('@', StringComparison.Ordinal))
        {
            errors["email"] = ["A valid email is required."];
        }

        CheckRole(request.Role ?? StaffRoles.Agent, errors);
        CheckOperators(request.OperatorIds ?? [], operators, errors);
        CheckPassword(request.Password, errors);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var user = new StaffUser
        {
            Email = request.Email!,
            DisplayName = string.IsNullOrWhiteSpace(request.DisplayName) ? request.Email!.Split('@')[0] : request.DisplayName.Trim(),
            Role = request.Role ?? StaffRoles.Agent,
            OperatorIds = [.. request.OperatorIds ?? []],
        };
        user.PasswordHash = passwords.Hash(user, request.Password!);
        try
        {
            staff.Add(user);
        }
        catch (DuplicateStaffEmailException ex)
        {
            return TypedResults.Problem(ex.Message, statusCode: StatusCodes.Status409Conflict, title: "Email already used");
        }

        audit.Record(admin, "staff.create", user.Id, $"{user.Role} {user.DisplayName} created for {Operators(user)}");
        return TypedResults.Created($"/api/staff/{user.Id}", StaffResponse.From(user));
    }

    internal static Results<Ok<StaffResponse>, ValidationProblem, ProblemHttpResult> Update(
        string id, StaffPatchRequest request, ClaimsPrincipal admin, IStaffStore staff, StaffPasswords passwords, IOperatorCatalog operators, AuditLog audit)
    {
        var user = staff.Find(id);
        if (user is null)
        {
            return TypedResults.Problem($"No staff user '{id}'.", statusCode: StatusCodes.Status404NotFound, title: "Staff user not found");
        }

        var errors = new Dictionary<string, string[]>();
        if (request.Role is not null)
        {
            CheckRole(request.Role, errors);
        }

        if (request.OperatorIds is not null)
        {
            CheckOperators(request.OperatorIds, operators, errors);
        }

        if (request.Password is not null)
        {
            CheckPassword(request.Password, errors);
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var losesAdmin = user.Role == StaffRoles.Admin && !user.Disabled
            && ((request.Role is not null && request.Role != StaffRoles.Admin) || request.Disabled == true);
        if (losesAdmin && staff.List().Count(s => s.Role == StaffRoles.Admin && !s.Disabled) <= 1)
        {
            return TypedResults.Problem("This is the last active admin; add another admin first.", statusCode: StatusCodes.Status409Conflict, title: "Last admin");
        }

        user.DisplayName = request.DisplayName?.Trim() ?? user.DisplayName;
        user.Role = request.Role ?? user.Role;
        user.OperatorIds = request.OperatorIds is null ? user.OperatorIds : [.. request.OperatorIds.Select(o => o.ToLowerInvariant())];
        user.Disabled = request.Disabled ?? user.Disabled;
        if (request.Password is not null)
        {
            user.PasswordHash = passwords.Hash(user, request.Password);
        }

        staff.Update(user);
        var changed = new[]
        {
            request.DisplayName is null ? null : "name",
            request.Role is null ? null : $"role {user.Role}",
            request.OperatorIds is null ? null : $"operators {Operators(user)}",
            request.Disabled is null ? null : user.Disabled ? "disabled" : "enabled",
            request.Password is null ? null : "password changed",
        }.OfType<string>();
        audit.Record(admin, request.Disabled == true ? "staff.disable" : "staff.update", user.Id, $"{user.DisplayName}: {string.Join(", ", changed)}");
        return TypedResults.Ok(StaffResponse.From(user));
    }

    internal static Results<Ok<PasswordResetResponse>, NotFound> ResetPassword(
        string id, ClaimsPrincipal admin, IStaffStore staff, StaffPasswords passwords, AuditLog audit)
    {
        if (staff.Find(id) is not { } user)
        {
            return TypedResults.NotFound();
        }

        // 18 random bytes: 24 URL-safe characters, well above the minimum length; never logged nor audited.
        var temporary = Convert.ToBase64String(RandomNumberGenerator.GetBytes(18)).Replace('+', '-').Replace('/', '_');
        user.PasswordHash = passwords.Hash(user, temporary);
        staff.Update(user);
        audit.Record(admin, "staff.reset-password", user.Id, $"{user.DisplayName}: temporary password issued");
        return TypedResults.Ok(new PasswordResetResponse(user.Id, temporary));
    }

    private static string Operators(StaffUser user) => user.OperatorIds.Count == 0 ? "all operators" : string.Join(", ", user.OperatorIds);

    private static void CheckRole(string role, Dictionary<string, string[]> errors)
    {
        if (!StaffRoles.IsValid(role))
        {
            errors["role"] = [$"Role must be '{StaffRoles.Agent}' or '{StaffRoles.Admin}'."];
        }
    }

    private static void CheckOperators(IReadOnlyList<string> operatorIds, IOperatorCatalog operators, Dictionary<string, string[]> errors)
    {
        var unknown = operatorIds.Where(o => operators.Find(o) is null).ToList();
        if (unknown.Count > 0)
        {
            errors["operatorIds"] = [$"Unknown operators: {string.Join(", ", unknown)}. Known: {string.Join(", ", operators.All.Select(o => o.Id))}."];
        }
    }

    private static void CheckPassword(string? password, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrEmpty(password) || password.Length < MinPasswordLength)
        {
            errors["password"] = [$"The password needs at least {MinPasswordLength} characters."];
        }
    }
}
