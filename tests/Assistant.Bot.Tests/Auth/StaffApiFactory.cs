using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Assistant.Bot.Auth;
using Assistant.Ticketing.Staff;
using Assistant.Ticketing.Tickets;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Assistant.Bot.Tests.Auth;

/// <summary>The real host on a fresh temp data directory, with a bootstrap admin and a recorder of ticket events.</summary>
public sealed class StaffApiFactory : WebApplicationFactory<Program>
{
    public const string AdminEmail = "admin@example.com";
    public const string AdminPassword = "admin-password-1";

    // Program.cs swaps Serilog's static bootstrap logger and each host freezes it: hosts built at the same
    // time would freeze one another's, so they are built one at a time.
    private static readonly Lock HostBuildGate = new();

    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "bot-tests-" + Guid.NewGuid().ToString("N"));

    /// <summary>Extra configuration keys, e.g. a bad setting the start must refuse.</summary>
    public Dictionary<string, string?> Settings { get; init; } = [];

    public RecordingTicketEvents Events { get; } = new();

    public ITicketService Tickets => Services.GetRequiredService<ITicketService>();

    protected override IHost CreateHost(IHostBuilder builder)
    {
        lock (HostBuildGate)
        {
            return base.CreateHost(builder);
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Assistant:DataDirectory", _dataDirectory);
        builder.UseSetting("Assistant:Bootstrap:AdminEmail", AdminEmail);
        builder.UseSetting("Assistant:Bootstrap:AdminPassword", AdminPassword);
        builder.UseSetting("Moderation:ModelsDirectory", SharedModels.Directory);
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureServices(services => services.AddSingleton<ITicketEvents>(Events));
        builder.ConfigureTestServices(services => SharedModels.ServeTo(services, Settings));
    }

    /// <summary>Adds an agent through the same store and hasher the host uses.</summary>
    public StaffUser AddStaff(string email, string password, string role = StaffRoles.Agent, bool disabled = false, params string[] operatorIds)
    {
        var user = new StaffUser { Email = email, DisplayName = email.Split('@')[0], Role = role, OperatorIds = [.. operatorIds], Disabled = disabled };
        user.PasswordHash = Services.GetRequiredService<StaffPasswords>().Hash(user, password);
        return Services.GetRequiredService<IStaffStore>().Add(user);
    }

    public async Task<HttpClient> ClientForAsync(string email, string password)
    {
        var client = CreateClient();
        var response = await client.PostAsJsonAsync("/api/auth/token", new { email, password });
        response.EnsureSuccessStatusCode();
        var token = await response.Content.ReadFromJsonAsync<TokenResponse>();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token!.AccessToken);
        return client;
    }

    public Task<HttpClient> AdminClientAsync() => ClientForAsync(AdminEmail, AdminPassword);

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && Directory.Exists(_dataDirectory))
        {
            try
            {
                Directory.Delete(_dataDirectory, recursive: true);
            }
            catch (IOException)
            {
                // A leftover temp folder must not fail the run.
            }
        }
    }
}

public sealed class RecordingTicketEvents : ITicketEvents
{
    public ConcurrentQueue<TicketChanged> Changes { get; } = new();

    public void OnChanged(TicketChanged change) => Changes.Enqueue(change);
}
