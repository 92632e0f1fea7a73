using System.Net.Http.Headers;
using System.Net.Http.Json;
using Assistant.Bot.Auth;
using Assistant.Bot.Tests.Channel;
using Assistant.Ticketing.Staff;
using Microsoft.Extensions.DependencyInjection;

namespace Assistant.Bot.Tests.Handoff;

/// <summary>
/// The whole host (Direct Line, dialog, handoff, staff auth) on a fresh data directory. Both operators are open
/// every day around the clock here, so whether an agent can take a conversation depends only on who is online.
/// </summary>
public sealed class HandoffTestHost : IDisposable
{
    public const string Password = "agent-password-1";

    /// <param name="open">False: both operators open one minute a week (Monday 09:00 Paris), and the clock is kept out of it.</param>
    /// <param name="demoCustomers">Loads the fictional demo customers (a start has none by default).</param>
    public HandoffTestHost(string? dataDirectory = null, bool open = true, bool demoCustomers = false)
    {
        Factory = new ChannelAppFactory(dataDirectory ?? ChannelAppFactory.NewDataDirectory());
        Factory.Settings["Assistant:Customers:SeedDemoCustomers"] = demoCustomers ? "true" : "false";
        string[] operators = ["digisense", "icosnet"];
        for (var index = 0; index < operators.Length; index++)
        {
            var entry = $"Assistant:Operators:{index}";
            Factory.Settings[$"{entry}:Id"] = operators[index];
            Factory.Settings[$"{entry}:Holidays"] = "none";
            var day = 0;
            foreach (var weekday in open ? Enum.GetValues<DayOfWeek>() : [DayOfWeek.Monday])
            {
                Factory.Settings[$"{entry}:BusinessHours:{day}:Day"] = weekday.ToString();
                Factory.Settings[$"{entry}:BusinessHours:{day}:Opens"] = open ? "00:00" : "09:00";
                Factory.Settings[$"{entry}:BusinessHours:{day}:Closes"] = open ? "23:59:59" : "09:01";
                day++;
            }
        }

        var paris = TimeZoneInfo.ConvertTime(Factory.Clock.GetUtcNow(), TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris"));
        if (!open && paris.DayOfWeek == DayOfWeek.Monday && paris.Hour == 9 && paris.Minute < 2)
        {
            Factory.Clock.Advance(TimeSpan.FromMinutes(3));
        }
    }

    public ChannelAppFactory Factory { get; }

    public string DataDirectory => Factory.DataDirectory;

    public DirectLineTestClient User() => new(Factory.CreateClient());

    /// <summary>An agent (or admin) account of these operators, logged in through the real token endpoint.</summary>
    public async Task<AgentSession> AgentAsync(string name, string role = StaffRoles.Agent, params string[] operatorIds)
    {
        var email = $"{name.ToLowerInvariant()}@example.com";
        var staff = Factory.Services.GetRequiredService<IStaffStore>();
        if (staff.FindByEmail(email) is null)
        {
            var user = new StaffUser { Email = email, DisplayName = name, Role = role, OperatorIds = [.. operatorIds] };
            user.PasswordHash = Factory.Services.GetRequiredService<StaffPasswords>().Hash(user, Password);
            staff.Add(user);
        }

        var client = Factory.CreateClient();
        using var response = await client.PostAsJsonAsync("/api/auth/token", new { email, password = Password });
        response.EnsureSuccessStatusCode();
        var token = await response.Content.ReadFromJsonAsync<TokenResponse>();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token!.AccessToken);
        return new AgentSession(name, client);
    }

    public void Dispose()
    {
        Factory.Dispose();
        Factory.Dispose();
    }
}
