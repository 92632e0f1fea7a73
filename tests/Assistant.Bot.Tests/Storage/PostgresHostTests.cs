using System.Net;
using System.Net.Http.Json;
using Assistant.Bot.Auth;
using Assistant.Bot.Tests.Auth;
using Assistant.Bot.Tests.Channel;
using Assistant.Bot.Tests.Intake;
using Assistant.Bot.WebChat;
using Assistant.Ticketing.Tests.Support;
using Microsoft.AspNetCore.Mvc.Testing;
using Npgsql;

namespace Assistant.Bot.Tests.Storage;

/// <summary>
/// Whole hosts on the PostgreSQL provider, each with its own data directory, two of them on one database as two
/// instances of the service would be.
/// </summary>
public sealed class PostgresHostTests : IDisposable
{
    private readonly PostgresTestDatabase _database = PostgresServer.CreateDatabase();
    private readonly List<IDisposable> _hosts = [];

    public void Dispose()
    {
        foreach (var host in _hosts)
        {
            host.Dispose();
        }

        _database.Dispose();
    }

    [Fact]
    public async Task An_agent_added_on_one_instance_logs_in_on_the_other_and_is_kept_in_the_databaseAsync()
    {
        var first = Host(_database.ConnectionString);
        using var admin = await first.AdminClientAsync();
        var created = await admin.PostAsJsonAsync("/api/staff", new NewStaffRequest("Lea.Agent@example.com", "Léa", "agent", ["digisense"], "agent-password-1"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);

        var second = Host(_database.ConnectionString);
        using var client = second.CreateClient();
        var login = await client.PostAsJsonAsync("/api/auth/token", new { email = "lea.agent@example.com", password = "agent-password-1" });
        var duplicate = await (await second.AdminClientAsync()).PostAsJsonAsync("/api/staff", new NewStaffRequest("LEA.agent@example.com", "Léa", "agent", ["digisense"], "agent-password-2"));

        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, duplicate.StatusCode);
        Assert.Equal(["admin@example.com", "lea.agent@example.com"], Emails());
    }

    [Fact]
    public async Task A_visitor_cookie_set_by_one_instance_keeps_the_visitor_on_the_otherAsync()
    {
        var first = Host(_database.ConnectionString);
        var second = Host(_database.ConnectionString);
        var (cookie, visitor) = await TokenAsync(first, cookie: null);

        var (_, onSecond) = await TokenAsync(second, cookie);
        var (_, onFirstAgain) = await TokenAsync(first, cookie);

        Assert.Equal(visitor, onSecond);
        Assert.Equal(visitor, onFirstAgain);
        // The LiteDB default keeps its keys in its own data directory: another such host does not know the visitor.
        var (_, elsewhere) = await TokenAsync(Host(connectionString: null), cookie);
        Assert.NotEqual(visitor, elsewhere);
    }

    [Fact]
    public async Task Terms_accepted_in_a_chat_on_one_instance_are_not_asked_again_on_the_otherAsync()
    {
        var chat = await ChatSession.StartAsync(new DirectLineTestClient(Chat(_database.ConnectionString).CreateClient()), "dl_two_instances");
        Assert.Equal("consent", chat.PendingSlot);
        await chat.SayAsync("Accepter et valider");

        var again = await ChatSession.StartAsync(new DirectLineTestClient(Chat(_database.ConnectionString).CreateClient()), "dl_two_instances");
        var elsewhere = await ChatSession.StartAsync(new DirectLineTestClient(Chat(connectionString: null).CreateClient()), "dl_two_instances");

        Assert.NotEqual("consent", again.PendingSlot);
        Assert.Equal("consent", elsewhere.PendingSlot);
    }

    [Fact]
    public async Task The_instance_is_ready_while_its_database_answers_and_not_ready_once_it_is_gone_but_still_aliveAsync()
    {
        var database = PostgresServer.CreateDatabase();
        var host = Host(database.ConnectionString);
        using var client = host.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz/ready")).StatusCode);

        database.Dispose();

        using var response = await client.GetAsync("/healthz/ready");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);

        // Alive all the same: a liveness probe that restarted the process would not bring the database back.
        using var alive = await client.GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, alive.StatusCode);
    }

    private StaffApiFactory Host(string? connectionString)
    {
        var settings = new Dictionary<string, string?>();
        if (connectionString is not null)
        {
            settings["Assistant:Storage:Provider"] = "PostgreSQL";
            settings["ConnectionStrings:Postgres"] = connectionString;
        }

        var host = new StaffApiFactory { Settings = settings };
        _hosts.Add(host);
        return host;
    }

    private ChannelAppFactory Chat(string? connectionString)
    {
        var host = new ChannelAppFactory();
        if (connectionString is not null)
        {
            host.Settings["Assistant:Storage:Provider"] = "PostgreSQL";
            host.Settings["ConnectionStrings:Postgres"] = connectionString;
        }

        _hosts.Add(host);
        return host;
    }

    private static async Task<(string Cookie, string UserId)> TokenAsync(StaffApiFactory host, string? cookie)
    {
        using var client = host.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false });
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/directline/token") { Content = JsonContent.Create(new { @operator = "digisense" }) };
        if (cookie is not null)
        {
            request.Headers.Add("Cookie", cookie);
        }

        using var response = await client.SendAsync(request);
        response.EnsureSuccessStatusCode();
        var issued = await response.Content.ReadFromJsonAsync<WebChatTokenResponse>();
        var setCookie = response.Headers.GetValues("Set-Cookie").Single();
        return (setCookie[..setCookie.IndexOf(';', StringComparison.Ordinal)], issued!.UserId);
    }

    private List<string> Emails()
    {
        using var dataSource = NpgsqlDataSource.Create(_database.ConnectionString);
        using var command = dataSource.CreateCommand("SELECT email FROM staff ORDER BY email");
        using var reader = command.ExecuteReader();
        var emails = new List<string>();
        while (reader.Read())
        {
            emails.Add(reader.GetString(0));
        }

        return emails;
    }
}
