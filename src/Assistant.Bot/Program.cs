using Assistant.Bot.Hosting;
using Assistant.Moderation;
using Assistant.Ticketing;
using Serilog;

// A plain (not reloadable) start-up logger: AddSerilog replaces it once configuration is read, and several
// hosts in one process (integration tests) each get their own logger instead of freezing a shared one.
Log.Logger = new LoggerConfiguration().WriteTo.Console().CreateLogger();

try
{
    var builder = WebApplication.CreateBuilder(args);
    // A build's pages and scripts stay in the source tree (wwwroot is copied only by a publish): the static web
    // assets manifest beside the binary points at them whatever the environment or the working directory. A
    // published copy has no such manifest and serves its own wwwroot.
    builder.WebHost.UseStaticWebAssets();
    builder.UseAssistantAddresses(args);
    builder.AddAssistantLogging();

    builder.Services.AddTicketing(builder.Configuration);
    builder.Services.AddModeration(builder.Configuration);
    builder.Services.AddAssistant(builder.Configuration);

    var app = builder.Build();
    app.UseAssistant();
    app.Run();
}
catch (Exception ex) when (ex is not HostAbortedException)
{
    Log.Fatal(ex, "The assistant stopped at start-up");
    throw;
}
finally
{
    Log.CloseAndFlush();
}

/// <summary>Entry point, public so WebApplicationFactory can host it in tests.</summary>
public partial class Program;
