using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Assistant.Bot.Admin.Audit;
using Assistant.Bot.Auth;
using Assistant.Bot.Channel.Storage;
using Assistant.Bot.Tests.Channel;
using Assistant.Ticketing.Staff;
using Microsoft.Extensions.DependencyInjection;

namespace Assistant.Bot.Tests.Admin;

/// <summary>
/// The real host (shared trained models, fresh data directory, Direct Line secret) with a bootstrap admin and an
/// agent, and clients for each of them and for nobody.
/// </summary>
public sealed class AdminHost : IDisposable
{
    public const string AdminEmail = "root@example.com";
    public const string AdminPassword = "root-password-1";
    public const string AgentEmail = "agent@example.com";
    public const string AgentPassword = "agent-password-1";

    public AdminHost(Dictionary<string, string?>? settings = null)
    {
        Factory = new ChannelAppFactory();
        Factory.Settings["Assistant:Bootstrap:AdminEmail"] = AdminEmail;
        Factory.Settings["Assistant:Bootstrap:AdminPassword"] = AdminPassword;
        foreach (var (key, value) in settings ?? [])
        {
            Factory.Settings[key] = value!;
        }

        Anonymous = Factory.CreateClient();
        var agent = new StaffUser { Email = AgentEmail, DisplayName = "agent", Role = StaffRoles.Agent, OperatorIds = ["digisense"] };
        agent.PasswordHash = Factory.Services.GetRequiredService<StaffPasswords>().Hash(agent, AgentPassword);
        Agent = Factory.Services.GetRequiredService<IStaffStore>().Add(agent);
    }

    public ChannelAppFactory Factory { get; }

    public HttpClient Anonymous { get; }

    public StaffUser Agent { get; }

    public DirectLineTestClient DirectLine => new(Factory.CreateClient());

    public T Service<T>()
        where T : notnull => Factory.Services.GetRequiredService<T>();

    public Task<HttpClient> AdminAsync() => LoginAsync(AdminEmail, AdminPassword);

    public Task<HttpClient> AgentAsync() => LoginAsync(AgentEmail, AgentPassword);

    public Task<HttpClient> LoginAsync(string email, string password) => LoginAsync(Factory, email, password);

    /// <summary>A client of <paramref name="factory"/> signed in through the real token endpoint (e.g. a host restarted on the same data).</summary>
    public static async Task<HttpClient> LoginAsync(ChannelAppFactory factory, string email, string password)
    {
        var client = factory.CreateClient();
        var response = await client.PostAsJsonAsync("/api/auth/token", new { email, password });
        response.EnsureSuccessStatusCode();
        var token = await response.Content.ReadFromJsonAsync<TokenResponse>();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token!.AccessToken);
        return client;
    }

    /// <summary>The activity id of the user's message <paramref name="text"/> in the stored conversation.</summary>
    public string UserMessageId(string conversationId, string text) =>
        Service<ConversationStore>().ReadAfter(conversationId, 0).Single(a => (string?)JsonNode.Parse(a.Json)!["text"] == text).Id;

    public IReadOnlyList<AuditEntry> Audit(string action) => Service<AuditLog>().Search(new AuditQuery(Action: action));

    public void Dispose()
    {
        Factory.Dispose();
        try
        {
            Directory.Delete(Factory.DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder must not fail the run.
        }
    }
}
