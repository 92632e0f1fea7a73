using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Assistant.EndToEnd.Tests;

/// <summary>The whole product on Kestrel (a real port a browser can reach), on a fresh data directory.</summary>
public sealed class KestrelAppFactory : WebApplicationFactory<Program>
{
    // Program.cs swaps Serilog's static bootstrap logger and each host freezes it: build hosts one at a time.
    private static readonly Lock HostBuildGate = new();

    public string DataDirectory { get; } =
        Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "sa-e2e-" + Guid.NewGuid().ToString("N"))).FullName;

    /// <param name="port">0 for any free port; a chosen one when the address must be configured first (the links of the mails).</param>
    public Uri Start(int port = 0)
    {
        UseKestrel(options => options.Listen(IPAddress.Loopback, port));
        StartServer();
        return new Uri(Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
    }

    protected override IHost CreateHost(IHostBuilder builder)
    {
        lock (HostBuildGate)
        {
            return base.CreateHost(builder);
        }
    }

    /// <summary>Extra configuration (operator business hours, a bootstrap admin); set before <see cref="Start"/>.</summary>
    public Dictionary<string, string?> Settings { get; } = [];

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Assistant:DataDirectory", DataDirectory);
        builder.UseSetting("Moderation:ModelsDirectory", Assistant.Bot.Tests.SharedModels.Directory);
        // The intake's scripted conversations predate the self-service answers; the tests of those turn them back on.
        builder.UseSetting("Assistant:SelfService:Enabled", "false");
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(services => Assistant.Bot.Tests.SharedModels.ServeTo(services, Settings));
    }
}
