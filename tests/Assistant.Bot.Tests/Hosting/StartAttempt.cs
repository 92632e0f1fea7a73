using Assistant.Bot.Hosting;
using Assistant.Moderation;
using Assistant.Ticketing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;

namespace Assistant.Bot.Tests.Hosting;

/// <summary>
/// Starts the assistant with the registrations Program.cs makes, on a test server, and returns why the start
/// failed. A start that must fail is not tried through WebApplicationFactory: the factory runs Program.Main on a
/// thread of its own, Main disposes a host whose start failed, and the factory may then read the disposed host's
/// services and report "Cannot access a disposed object" instead of the reason (dotnet/aspnetcore#33494).
/// </summary>
public static class StartAttempt
{
    public static async Task<Exception> FailureAsync(IReadOnlyDictionary<string, string?> settings)
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), "bot-start-" + Guid.NewGuid().ToString("N"));
        try
        {
            var builder = WebApplication.CreateBuilder();
            builder.WebHost.UseTestServer();
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Assistant:DataDirectory"] = dataDirectory,
                ["Moderation:ModelsDirectory"] = SharedModels.Directory,
            });
            builder.Configuration.AddInMemoryCollection(settings);
            builder.AddAssistantLogging();
            builder.Services.AddTicketing(builder.Configuration);
            builder.Services.AddModeration(builder.Configuration);
            builder.Services.AddAssistant(builder.Configuration);
            SharedModels.ServeTo(builder.Services, settings);

            // As in Program.cs, a setting may be refused while the app is built, while its endpoints are mapped or
            // when it starts: each of them stops the start.
            return await Assert.ThrowsAnyAsync<Exception>(async () =>
            {
                await using var app = builder.Build();
                app.UseAssistant();
                await app.StartAsync();
            });
        }
        finally
        {
            if (Directory.Exists(dataDirectory))
            {
                Directory.Delete(dataDirectory, recursive: true);
            }
        }
    }

    /// <summary>The failure and every exception inside it, aggregates included.</summary>
    public static IEnumerable<Exception> Flatten(Exception error)
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
