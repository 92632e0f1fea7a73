using Assistant.Bot.Turns;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Assistant.Bot.Tests.Channel;

/// <summary>The whole host on a data directory of its own, with a known Direct Line secret and a clock the test controls.</summary>
public sealed class ChannelAppFactory(string dataDirectory, ManualClock? clock = null, ITurnHandler? handler = null)
    : WebApplicationFactory<Program>
{
    public const string Secret = "test-secret-0123456789";

    public ChannelAppFactory()
        : this(NewDataDirectory())
    {
    }

    public string DataDirectory { get; } = dataDirectory;

    public ManualClock Clock { get; } = clock ?? new ManualClock();

    public static string NewDataDirectory() =>
        Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "sa-channel-" + Guid.NewGuid().ToString("N"))).FullName;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Assistant:DataDirectory", DataDirectory);
        builder.UseSetting("DirectLine:Secret", Secret);
        builder.UseSetting("Assistant:WebChat:TokenRequestsPerMinute", "1000");
        builder.ConfigureTestServices(services =>
        {
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
