using Assistant.Bot.Channel.Activities;
using Assistant.Bot.Hosting;
using Assistant.Bot.Turns;
using Assistant.Moderation;
using Assistant.Ticketing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Assistant.Bench;

/// <summary>
/// The host's real services (LiteDB files in a temporary folder, the benchmark's trained models) with the given extra
/// settings, and the turn pipeline called directly with an in-memory sender instead of the Direct Line channel.
/// </summary>
public sealed class BenchHost : IDisposable
{
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "assistant-bench-turn-" + Guid.NewGuid().ToString("N"));
    private readonly WebApplication _app;
    private readonly ITurnHandler _pipeline;
    private int _conversation;

    public BenchHost(IReadOnlyDictionary<string, string?> settings)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory, EnvironmentName = "Production" });
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Configuration["Assistant:DataDirectory"] = _dataDirectory;
        builder.Configuration["Moderation:ModelsDirectory"] = AnalyzeBenchmarks.ModelsDirectory();
        foreach (var (key, value) in settings)
        {
            builder.Configuration[key] = value;
        }

        builder.Services.AddTicketing(builder.Configuration);
        builder.Services.AddModeration(builder.Configuration);
        builder.Services.AddAssistant(builder.Configuration);
        _app = builder.Build();
        _app.StartAsync().GetAwaiter().GetResult();
        _pipeline = _app.Services.GetRequiredService<ITurnHandler>();
    }

    /// <summary>The bot's last reply, as the channel would append it to the conversation log.</summary>
    public Activity? LastReply => Sender.Last;

    private InMemorySender Sender { get; } = new();

    /// <summary>The first message of a new conversation: the turn that does the most (state created, description interpreted).</summary>
    public Task FirstMessageAsync(string text)
    {
        var conversationId = $"bench-{Interlocked.Increment(ref _conversation)}";
        var activity = new Activity
        {
            Type = ActivityTypes.Message,
            Id = conversationId + "|0000001",
            Timestamp = DateTimeOffset.UtcNow,
            ChannelId = "directline",
            Text = text,
            Locale = "fr-FR",
            From = new ChannelAccount { Id = "dl_" + conversationId, Role = RoleTypes.User },
            Conversation = new ConversationAccount { Id = conversationId },
        };
        return _pipeline.OnTurnAsync(new TurnContext(conversationId, "digisense", activity, Sender), CancellationToken.None);
    }

    public void Dispose()
    {
        _app.StopAsync().GetAwaiter().GetResult();
        ((IDisposable)_app).Dispose();
        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temporary folder does not matter to the numbers.
        }
    }

    /// <summary>Stands in for the channel: keeps the last reply, as the real sender would append it to the log.</summary>
    private sealed class InMemorySender : IConversationSender
    {
        public Activity? Last { get; private set; }

        public Task<Activity> SendAsync(string conversationId, Activity activity, CancellationToken cancellationToken)
        {
            activity.Id = Guid.NewGuid().ToString("N");
            activity.Timestamp = DateTimeOffset.UtcNow;
            Last = activity;
            return Task.FromResult(activity);
        }

        public async Task<IReadOnlyList<Activity>> SendAsync(string conversationId, IReadOnlyList<Activity> activities, Bot.Intake.IntakeState? state, CancellationToken cancellationToken)
        {
            foreach (var activity in activities)
            {
                await SendAsync(conversationId, activity, cancellationToken);
            }

            return activities;
        }

        public Task SendTypingAsync(string conversationId, ChannelAccount from, CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
