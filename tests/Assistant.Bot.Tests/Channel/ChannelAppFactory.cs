using System.Net;
using Assistant.Bot.Turns;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Assistant.Bot.Tests.Channel;

/// <summary>The whole host on a data directory of its own, with a known Direct Line secret and a clock the test controls.</summary>
public sealed class ChannelAppFactory(string dataDirectory, ManualClock? clock = null, ITurnHandler? handler = null)
    : WebApplicationFactory<Program>
{
    public const string Secret = "test-secret-0123456789";

    // Program.cs swaps Serilog's static bootstrap logger and each host freezes it: hosts built in parallel
    // would freeze one another's. Building them one at a time keeps the test classes parallel otherwise.
    private static readonly Lock HostBuildGate = new();

    public ChannelAppFactory()
        : this(NewDataDirectory())
    {
    }

    public string DataDirectory { get; } = dataDirectory;

    public ManualClock Clock { get; } = clock ?? new ManualClock();

    /// <summary>Extra configuration, e.g. a short keep-alive for the protocol tests.</summary>
    public Dictionary<string, string> Settings { get; } = [];

    /// <summary>Serves the app with Kestrel on a free loopback port, for clients outside the process (node, a browser).</summary>
    public Uri StartKestrel()
    {
        UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        StartServer();
        var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new Uri(address);
    }

    public static string NewDataDirectory() =>
        Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "sa-channel-" + Guid.NewGuid().ToString("N"))).FullName;

    protected override IHost CreateHost(IHostBuilder builder)
    {
        lock (HostBuildGate)
        {
            return base.CreateHost(builder);
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Assistant:DataDirectory", DataDirectory);
        builder.UseSetting("Moderation:ModelsDirectory", SharedModels.Directory);
        builder.UseSetting("DirectLine:Secret", Secret);
        builder.UseSetting("Assistant:WebChat:TokenRequestsPerMinute", "1000");
        // The intake's scripted conversations predate the self-service answers; the tests of those turn them back on.
        builder.UseSetting("Assistant:SelfService:Enabled", "false");
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(services =>
        {
            SharedModels.ServeTo(services, Settings.ToDictionary(pair => pair.Key, pair => (string?)pair.Value));
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Clock);
            if (handler is not null)
            {
                services.RemoveAll<ITurnHandler>();
                services.AddSingleton(handler);
            }
        });
    }
}
