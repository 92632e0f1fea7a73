using Assistant.Bot.Admin.Audit;
using Assistant.Bot.Admin.Customers;
using Assistant.Bot.Admin.Models;
using Assistant.Bot.Admin.Sanctions;
using Assistant.Bot.Admin.Settings;
using Assistant.Bot.Admin.Templates;
using Assistant.Bot.Admin.Thresholds;
using Assistant.Bot.Admin.Users;
using Assistant.Bot.Auth;
using Assistant.Bot.Backup;
using Assistant.Bot.Moderation;
using Assistant.Bot.SelfService;

namespace Assistant.Bot.Admin;

/// <summary>The admin console: audit log, reply templates, moderation thresholds, sanctions, users' data requests, run-time settings, customer import, backups, and the <c>/admin</c> page.</summary>
public static class AdminSetup
{
    public static IServiceCollection AddAdmin(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AdminOptions>()
            .Bind(configuration.GetSection(AdminOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<AdminDatabase>();
        services.AddSingleton<DeferredAuditEntries>();
        services.AddSingleton<AuditLog>();
        services.AddSingleton<TemplateVersions>();
        services.AddSingleton<HeldOutScores>();
        services.AddSingleton<UserData>();
        services.AddSingleton<Relabels>();
        services.AddSingleton<ModelRetraining>();
        services.AddSingleton<RetentionSetting>();
        services.AddSingleton<RetentionPurge>();
        services.AddHostedService(provider => provider.GetRequiredService<RetentionPurge>());
        services.AddHostedService<SavedTemplatesStartup>();
        services.AddSingleton<LlmSettingsStore>();
        services.AddSingleton<DataBackup>();
        services.AddHostedService<SavedLlmSettingsStartup>();
        return services;
    }

    /// <summary>
    /// Maps <c>/api/admin/*</c> (admin policy) and the page, and audits other staff changes made through the API.
    /// Call after authentication and authorization are in the pipeline.
    /// </summary>
    public static WebApplication MapAdminApi(this WebApplication app)
    {
        app.UseStaffActionAudit();
        var admin = app.MapGroup("/api/admin")
            .RequireAuthorization(StaffAuthSetup.AdminPolicy)
            .WithMetadata(AuditedByEndpoint.Instance);
        admin.MapAuditApi();
        admin.MapTemplatesApi();
        admin.MapInterpretPromptApi();
        admin.MapThresholdsApi();
        admin.MapSanctionsApi();
        admin.MapUserDataApi();
        admin.MapSettingsApi();
        admin.MapModelsApi();
        admin.MapCustomersApi();
        admin.MapSelfServiceApi();
        admin.MapBackupApi();

        // The page is public (it holds no data); its calls carry the admin's token.
        app.MapGet("/admin", (IWebHostEnvironment environment) =>
                environment.WebRootFileProvider.GetFileInfo("admin/index.html") is { Exists: true, PhysicalPath: { } path }
                    ? Results.File(path, "text/html; charset=utf-8")
                    : Results.NotFound())
            .ExcludeFromDescription();
        return app;
    }
}
