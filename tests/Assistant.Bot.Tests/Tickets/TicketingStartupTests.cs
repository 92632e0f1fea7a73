using Assistant.Bot.Tests.Auth;
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
    public void A_bad_setting_stops_the_start_with_a_message_naming_it(string key, string value, string expected)
    {
        using var factory = new StaffApiFactory { Settings = { [key] = value } };

        var error = Assert.ThrowsAny<Exception>(() => factory.Services);

        var messages = string.Join(" | ", Flatten(error).Select(e => e.Message));
        Assert.Contains(expected, messages, StringComparison.Ordinal);
        Assert.Contains(Flatten(error), e => e is OptionsValidationException);
    }

    [Fact]
    public void A_bad_operator_setting_stops_the_start()
    {
        using var factory = new StaffApiFactory { Settings = { ["Assistant:Operators:0:Id"] = "digisense", ["Assistant:Operators:0:TimeZone"] = "Mars/Olympus" } };

        var error = Assert.ThrowsAny<Exception>(() => factory.Services);

        Assert.Contains(Flatten(error), e => e.Message.Contains("Mars/Olympus", StringComparison.Ordinal));
    }

    private static IEnumerable<Exception> Flatten(Exception error)
    {
        for (var e = error; e is not null; e = e.InnerException)
        {
            yield return e;
            if (e is AggregateException aggregate)
            {
                foreach (var inner in aggregate.InnerExceptions.SelectMany(Flatten))
                {
                    yield return inner;
                }
            }
        }
    }
}
