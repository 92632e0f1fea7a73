using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Assistant.Ticketing.Staff;
using Microsoft.Extensions.DependencyInjection;

namespace Assistant.Bot.Tests.Auth;

public sealed class AuthApiTests(StaffApiFactory factory) : IClassFixture<StaffApiFactory>
{
    [Fact]
    public async Task The_bootstrap_admin_gets_a_bearer_token_that_opens_the_ticket_apiAsync()
    {
        var client = factory.CreateClient();

        var response = await client.PostAsJsonAsync("/api/auth/token", new { email = "ADMIN@example.com", password = StaffApiFactory.AdminPassword });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Bearer", body.RootElement.GetProperty("token_type").GetString());
        Assert.Equal(8 * 3600, body.RootElement.GetProperty("expires_in").GetInt64());
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", body.RootElement.GetProperty("access_token").GetString());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/tickets")).StatusCode);
    }

    [Fact]
    public async Task Unknown_email_and_wrong_password_get_the_same_answerAsync()
    {
        var client = factory.CreateClient();

        var unknown = await client.PostAsJsonAsync("/api/auth/token", new { email = "nobody@example.com", password = "whatever-123" });
        var wrong = await client.PostAsJsonAsync("/api/auth/token", new { email = StaffApiFactory.AdminEmail, password = "wrong-password" });

        Assert.Equal(HttpStatusCode.Unauthorized, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(await unknown.Content.ReadAsStringAsync(), await wrong.Content.ReadAsStringAsync());
        Assert.Contains("Invalid email or password", await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_disabled_account_cannot_log_in_and_its_old_token_stops_workingAsync()
    {
        var user = factory.AddStaff("leaving@example.com", "leaving-password", StaffRoles.Agent, disabled: false, "digisense");
        var client = await factory.ClientForAsync("leaving@example.com", "leaving-password");

        user.Disabled = true;
        factory.Services.GetRequiredService<IStaffStore>().Update(user);

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/tickets")).StatusCode);
        var login = await factory.CreateClient().PostAsJsonAsync("/api/auth/token", new { email = "leaving@example.com", password = "leaving-password" });
        Assert.Equal(HttpStatusCode.Unauthorized, login.StatusCode);
    }

    [Fact]
    public async Task After_five_failures_the_next_login_is_refused_with_retry_after_even_with_the_right_passwordAsync()
    {
        factory.AddStaff("target@example.com", "target-password", StaffRoles.Agent, disabled: false, "digisense");
        var client = factory.CreateClient();
        for (var i = 0; i < 5; i++)
        {
            var failed = await client.PostAsJsonAsync("/api/auth/token", new { email = "target@example.com", password = $"guess-{i}" });
            Assert.Equal(HttpStatusCode.Unauthorized, failed.StatusCode);
        }

        var refused = await client.PostAsJsonAsync("/api/auth/token", new { email = "target@example.com", password = "target-password" });

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero);
    }

    [Theory]
    [InlineData("{\"email\":")]
    [InlineData("not json")]
    [InlineData("{\"email\":\"admin@example.com\"}")]
    public async Task A_malformed_or_incomplete_login_is_a_bad_requestAsync(string body)
    {
        var response = await factory.CreateClient().PostAsync("/api/auth/token", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("garbage")]
    [InlineData("eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJ4In0.AAAA")]
    [InlineData("eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJ4In0.A$%~!")]
    public async Task The_ticket_api_refuses_a_missing_or_forged_tokenAsync(string? token)
    {
        var client = factory.CreateClient();
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        var response = await client.GetAsync("/api/tickets");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("Bearer", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_token_with_a_changed_payload_is_refusedAsync()
    {
        var client = await factory.AdminClientAsync();
        var parts = client.DefaultRequestHeaders.Authorization!.Parameter!.Split('.');
        var forged = Convert.ToBase64String(Encoding.UTF8.GetBytes("{\"sub\":\"someone-else\",\"iss\":\"support-assistant\",\"iat\":0,\"exp\":9999999999}"))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", $"{parts[0]}.{forged}.{parts[2]}");

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/tickets")).StatusCode);
    }
}
