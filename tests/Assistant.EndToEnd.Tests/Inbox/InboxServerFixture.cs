using Assistant.Bot.Auth;
using Assistant.Moderation.Analysis;
using Assistant.Ticketing.Operators;
using Assistant.Ticketing.Sla;
using Assistant.Ticketing.Storage;
using Assistant.Ticketing.Tickets;
using Assistant.Ticketing.Staff;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Playwright;

namespace Assistant.EndToEnd.Tests.Inbox;

/// <summary>
/// The product on Kestrel with one agent, Digisense open around the clock, and one ticket filed a week ago that
/// nobody answered (written to the data directory before the start, with a clock set back), so its SLA is breached.
/// </summary>
public sealed class InboxServerFixture : IAsyncLifetime
{
    public const string AgentEmail = "camille@example.com";
    public const string AgentName = "Camille Martin";
    public const string AgentPassword = "agent-password-1";
    public const string OldTitle = "Ancienne panne de synchronisation Ibox";

    private readonly KestrelAppFactory _factory = new();
    private IPlaywright? _playwright;

    public Uri Server { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    public string LateReference { get; private set; } = "";

    public ITicketService Tickets => _factory.Services.GetRequiredService<ITicketService>();

    public async Task InitializeAsync()
    {
        LateReference = FileOldTicket(Path.Combine(_factory.DataDirectory, StorageOptions.FileName));
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

    private static string FileOldTicket(string databasePath)
    {
        using var database = new TicketingDatabase(databasePath);
        var operators = OperatorCatalog.Defaults();
        var service = new TicketService(database, operators, new SlaCalculator(Options.Create(new SlaOptions()), operators),
            new NoTicketEvents(), new WeekAgo(), NullLogger<TicketService>.Instance);
        return service.Create(
            new NewTicket("digisense", OldTitle, "Les fichiers ne se synchronisent plus depuis la mise à jour.", "incident", "ibox", "high", "model",
                new Requester { UserId = "user-old", Name = "Jean Moreau", Email = "jean.moreau@example.com" }, "conv-old"),
            new Actor("requester", "user-old")).Reference;
    }

    private sealed class WeekAgo : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => System.GetUtcNow().AddDays(-7);
    }
}
