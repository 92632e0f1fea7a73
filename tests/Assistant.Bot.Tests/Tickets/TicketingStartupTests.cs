using Assistant.Bot.Tests.Hosting;
using Microsoft.Extensions.Options;

namespace Assistant.Bot.Tests.Tickets;

public sealed class TicketingStartupTests
{
    [Theory]
    [InlineData("Assistant:Sla:Rules:0:Priority", "Urgent", "Assistant:Sla")]
    [InlineData("Assistant:Customers:MaxFailedAttempts", "0", "MaxFailedAttempts")]
    [InlineData("Assistant:Bootstrap:AdminPassword", "short", "AdminPassword")]
    [InlineData("Assistant:Storage:Provider", "Mongo", "Assistant:Storage:Provider must be 'LiteDB' or 'PostgreSQL', not 'Mongo'")]
    [InlineData("Assistant:Storage:Provider", "PostgreSQL", "'PostgreSQL' but ConnectionStrings:Postgres is not set")]
    public async Task A_bad_setting_stops_the_start_with_a_message_naming_itAsync(string key, string value, string expected)
    {
        var error = await StartAttempt.FailureAsync(new Dictionary<string, string?>
        {
            ["Assistant:Bootstrap:AdminEmail"] = "admin@example.com",
            ["Assistant:Bootstrap:AdminPassword"] = "admin-password-1",
            [key] = value,
        });

        var messages = string.Join(" | ", StartAttempt.Flatten(error).Select(e => e.Message));
        Assert.Contains(expected, messages, StringComparison.Ordinal);
        Assert.Contains(StartAttempt.Flatten(error), e => e is OptionsValidationException);
    }

    [Fact]
    public async Task A_bad_operator_setting_stops_the_startAsync()
    {
        var error = await StartAttempt.FailureAsync(new Dictionary<string, string?>
        {
            ["Assistant:Operators:0:Id"] = "digisense",
            ["Assistant:Operators:0:TimeZone"] = "Mars/Olympus",
        });

        Assert.Contains(StartAttempt.Flatten(error), e => e.Message.Contains("Mars/Olympus", StringComparison.Ordinal));
    }
}
