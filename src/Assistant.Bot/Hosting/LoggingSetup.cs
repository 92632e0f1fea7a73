using Serilog;

namespace Assistant.Bot.Hosting;

public static class LoggingSetup
{
    /// <summary>Serilog from configuration: console plus a rolling file in the data directory.</summary>
    public static void AddAssistantLogging(this WebApplicationBuilder builder)
    {
        var dataDirectory = builder.Configuration[$"{AssistantOptions.SectionName}:DataDirectory"] ?? "data";
        var logPath = Path.Combine(Path.GetFullPath(dataDirectory), "logs", "assistant-.log");
        builder.Services.AddSerilog((services, logger) => logger
            .ReadFrom.Configuration(builder.Configuration)
            .ReadFrom.Services(services)
            .Enrich.FromLogContext()
            .WriteTo.Console()
            .WriteTo.File(logPath, rollingInterval: RollingInterval.Day, retainedFileCountLimit: 14));
    }
}
