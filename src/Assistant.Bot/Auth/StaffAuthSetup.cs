using Assistant.Ticketing.Staff;
using Microsoft.AspNetCore.Authentication;

namespace Assistant.Bot.Auth;

public static class StaffAuthSetup
{
    public const string AgentPolicy = "agent";
    public const string AdminPolicy = "admin";

    /// <summary>Bearer authentication for staff, the <c>agent</c> and <c>admin</c> policies, and the first admin.</summary>
    public static IServiceCollection AddStaffAuth(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<StaffAuthOptions>()
            .Bind(configuration.GetSection(StaffAuthOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddOptions<BootstrapOptions>()
            .Bind(configuration.GetSection(BootstrapOptions.SectionName))
            .Validate(
                o => string.IsNullOrEmpty(o.AdminPassword) || o.AdminPassword.Length >= BootstrapOptions.MinPasswordLength,
                $"{BootstrapOptions.SectionName}:AdminPassword must be at least {BootstrapOptions.MinPasswordLength} characters.")
            .Validate(
                o => string.IsNullOrEmpty(o.AdminPassword) == string.IsNullOrWhiteSpace(o.AdminEmail),
                $"{BootstrapOptions.SectionName}: set both AdminEmail and AdminPassword, or neither.")
            .ValidateOnStart();

        services.AddSingleton<StaffPasswords>();
        services.AddSingleton<StaffTokens>();
        services.AddSingleton<LoginThrottle>();
        services.AddHostedService<AdminBootstrap>();

        services.AddAuthentication(StaffBearerHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, StaffBearerHandler>(StaffBearerHandler.SchemeName, null);
        services.AddAuthorizationBuilder()
            .AddPolicy(AgentPolicy, policy => policy.RequireRole(StaffRoles.Agent, StaffRoles.Admin))
            .AddPolicy(AdminPolicy, policy => policy.RequireRole(StaffRoles.Admin));
        return services;
    }
}
