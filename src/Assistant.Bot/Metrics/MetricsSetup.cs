using Assistant.Bot.Channel.Storage.Journal;
using OpenTelemetry.Metrics;

namespace Assistant.Bot.Metrics;

/// <summary>OpenTelemetry metrics, scraped in Prometheus text format at <c>GET /metrics</c>.</summary>
public static class MetricsSetup
{
    public static IServiceCollection AddAssistantMetrics(this IServiceCollection services)
    {
        services.AddSingleton<TurnMetrics>();
        services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter(TurnMetrics.MeterName)
            // Built into ASP.NET Core and the runtime: request durations, open connections, GC, CPU; no extra package.
            .AddMeter("Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "System.Runtime")
            .AddPrometheusExporter());
        return services;
    }

    public static WebApplication MapAssistantMetrics(this WebApplication app)
    {
        // Unauthenticated, like the health endpoints: expose it to the monitoring network only (reverse proxy rule).
        app.MapPrometheusScrapingEndpoint("/metrics");
        _ = app.Services.GetRequiredService<JournalMetrics>(); // its gauges exist once it does
        return app;
    }
}
