using Assistant.Bot.Auth;
using Assistant.Moderation.Analysis;
using Assistant.Ticketing.Staff;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Assistant.EndToEnd.Tests.Handoff;

/// <summary>
/// The product on Kestrel with one agent account, Digisense open around the clock (so the test does not
/// depend on the hour), and one Chromium shared by the user's and the agent's pages.
/// </summary>
public sealed class HandoffServerFixture : IAsyncLifetime
{
    public const string AgentEmail = "camille@example.com";
    public const string AgentName = "Camille Martin";
    public const string AgentPassword = "agent-password-1";

    private readonly KestrelAppFactory _factory = new();
    private IPlaywright? _playwright;

    public Uri Server { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _factory.Settings["Assistant:Operators:0:Id"] = "digisense";
        _factory.Settings["Assistant:Operators:0:Holidays"] = "none";
        var day = 0;
        foreach (var weekday in Enum.GetValues<DayOfWeek>())
        {
            _factory.Settings[$"Assistant:Operators:0:BusinessHours:{day}:Day"] = weekday.ToString();
            _factory.Settings[$"Assistant:Operators:0:BusinessHours:{day}:Opens"] = "00:00";
            _factory.Settings[$"Assistant:Operators:0:BusinessHours:{day}:Closes"] = "23:59:59";
            day++;
        }

        Server = _factory.Start();
        var agent = new StaffUser { Email = AgentEmail, DisplayName = AgentName, Role = StaffRoles.Agent, OperatorIds = ["digisense"] };
        agent.PasswordHash = _factory.Services.GetRequiredService<StaffPasswords>().Hash(agent, AgentPassword);
        _factory.Services.GetRequiredService<IStaffStore>().Add(agent);
        // The first analysis loads (or trains) the models: done here so no step of the test waits on it.
        _ = _factory.Services.GetRequiredService<IMessageAnalyzer>().Analyze("Mon Ibox ne synchronise plus.");
        (_playwright, Browser) = await WebChat.Browser.LaunchAsync();
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        await _factory.DisposeAsync();
    }
}
