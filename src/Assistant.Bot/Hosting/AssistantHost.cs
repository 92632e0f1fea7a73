using Assistant.Bot.Admin;
using Assistant.Bot.Auth;
using Assistant.Bot.BotFramework;
using Assistant.Bot.Channel;
using Assistant.Bot.Handoff;
using Assistant.Bot.Incidents;
using Assistant.Bot.Inbox;
using Assistant.Bot.Intake;
using Assistant.Bot.Mail;
using Assistant.Bot.Metrics;
using Assistant.Bot.Moderation;
using Assistant.Bot.RateLimits;
using Assistant.Bot.Reports;
using Assistant.Bot.Satisfaction;
using Assistant.Bot.SemanticKernel;
using Assistant.Bot.Security;
using Assistant.Bot.SelfService;
using Assistant.Bot.Tickets;
using Assistant.Bot.WebChat;
using Assistant.Ticketing.Storage;
using Assistant.Ticketing.Tickets;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Serilog;

namespace Assistant.Bot.Hosting;

/// <summary>The composition root of the host: each feature adds its services and maps its endpoints here.</summary>
public static class AssistantHost
{
    public static IServiceCollection AddAssistant(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AssistantOptions>()
            .Bind(configuration.GetSection(AssistantOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddAssistantProxy(configuration);
        services.AddAssistantKernel(configuration);
        services.AddIntake();
        services.AddSelfService(configuration);
        services.AddIncidents(configuration);
        // Ticketing registers a silent listener by default; the host tells the agents' consoles and the requesters' chats instead.
        services.RemoveAll<ITicketEvents>();
        services.AddSingleton<ChatTicketNotifier>();
        services.AddSingleton<SatisfactionDesk>();
        services.AddSingleton<ITicketEvents, InboxTicketEvents>();
        services.AddOpenApi();
        var health = services.AddHealthChecks();
        if (StorageProviderOptions.PostgresChosen(configuration))
        {
            health.AddCheck<PostgresHealthCheck>("postgres", tags: [DirectLineServices.ReadyTag]);
        }

        services.AddAssistantMetrics();
        services.AddDirectLine(configuration);
        services.AddWebChat(configuration);
        services.AddAssistantRateLimits(configuration);
        services.AddBotFramework(configuration);
        services.AddStaffAuth(configuration);
        services.AddHandoff();
        services.AddAdmin(configuration);
        services.AddMail(configuration);
        return services;
    }

    public static WebApplication UseAssistant(this WebApplication app)
    {
        app.UseAssistantProxy();
        app.UseSecurityHeaders();
        app.UseSerilogRequestLogging(logging => logging.GetLevel = RequestLogLevel);
        app.UseJsonCharsetGuard();
        app.MapOpenApi();
        // Alive: the process answers. What it depends on (its databases) is /healthz/ready's business, so that a probe of
        // this one never restarts a process for an outage a restart cannot cure.
        app.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false });
        app.MapAssistantMetrics();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapDirectLine();
        app.MapWebChat();
        app.MapBotFramework();
        app.MapAuthApi();
        app.MapTicketsApi();
        app.MapInboxApi();
        app.MapNoticesApi();
        app.MapReportsApi();
        app.MapHandoff();
        app.MapModerationApi();
        app.MapRelabelsApi();
        app.MapAdminApi();
        app.MapMailApi();
        return app;
    }

    /// <summary>
    /// Failures at Warning or Error; the chat's own traffic (every message posted, stream, token) and probes at Debug, as
    /// they happen several times per turn; everything else (consoles, APIs) at Information.
    /// </summary>
    private static Serilog.Events.LogEventLevel RequestLogLevel(HttpContext context, double elapsedMs, Exception? error) =>
        error is not null || context.Response.StatusCode >= 500 ? Serilog.Events.LogEventLevel.Error
        : context.Response.StatusCode >= 400 ? Serilog.Events.LogEventLevel.Warning
        : context.Request.Path.StartsWithSegments("/v3/directline") || context.Request.Path.StartsWithSegments("/healthz")
            || context.Request.Path.StartsWithSegments("/metrics") || context.Request.Path.StartsWithSegments("/api/directline")
            ? Serilog.Events.LogEventLevel.Debug
            : Serilog.Events.LogEventLevel.Information;
}
