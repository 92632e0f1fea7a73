using Serilog;

namespace Assistant.Bot.Hosting;

public static class LoggingSetup
{
    /// <summary>
    /// Serilog from configuration: console plus a rolling file in the data directory, both written by a background
    /// thread so that a turn never waits for a terminal or a disk to take its log lines (under a flood, lines beyond the
    /// buffer are dropped rather than slowing every conversation down).
    /// </summary>
    public static void AddAssistantLogging(this WebApplicationBuilder builder)
    {
        var dataDirectory = builder.Configuration[$"{AssistantOptions.SectionName}:DataDirectory"] ?? "data";
        var logPath = Path.Combine(Path.GetFullPath(dataDirectory), "logs", "assistant-.log");
        // Defaults in code, so a binary started outside its folder (no appsettings.json found) still logs at the intended
        // levels; configuration can change them. The static Log.Logger is left alone: with it, every host in one process
        // (the tests run several) would write to whichever host set it last, in that host's data directory.
        builder.Services.AddSerilog((services, logger) => logger
            .MinimumLevel.Information()
            .MinimumLevel.Override("Microsoft.AspNetCore", Serilog.Events.LogEventLevel.Warning)
            .MinimumLevel.Override("System.Net.Http", Serilog.Events.LogEventLevel.Warning)
            .ReadFrom.Configuration(builder.Configuration)
            .ReadFrom.Services(services)
            .Enrich.FromLogContext()
            .WriteTo.Async(sink => sink.Console())
            .WriteTo.Async(sink => sink.File(logPath, rollingInterval: RollingInterval.Day, retainedFileCountLimit: 14)),
            preserveStaticLogger: true);
    }
}
