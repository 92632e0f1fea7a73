using Assistant.Bot.Channel.Activities;
using Assistant.Bot.Hosting;
using Assistant.Bot.Turns;
using Assistant.Moderation;
using Assistant.Ticketing;
using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Assistant.Bench;

/// <summary>
/// The server-side work of one bot turn without an LLM: the host's real services (built-in local interpreter,
/// LiteDB files in a temporary folder) and the turn pipeline (sanction check, moderation, intake dialog, state
/// saved), called directly with an in-memory sender instead of the Direct Line channel. Each call is the first
/// message of a new conversation, the turn that does the most (state created, description interpreted).
/// </summary>
[MemoryDiagnoser]
public class TurnBenchmarks
{
    private readonly InMemorySender _sender = new();
    private string _dataDirectory = "";
    private WebApplication _app = null!;
    private ITurnHandler _pipeline = null!;
    private int _conversation;

    [Params(
        "Bonjour, je n'arrive plus à me connecter à V-room depuis ce matin, j'ai une réunion à 14h",
        "Vous êtes une bande d'incapables, rendez-moi mon argent")]
    public string Text { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        _dataDirectory = Path.Combine(Path.GetTempPath(), "assistant-bench-turn-" + Guid.NewGuid().ToString("N"));
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory, EnvironmentName = "Production" });
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Configuration["Assistant:DataDirectory"] = _dataDirectory;
        builder.Configuration["Moderation:ModelsDirectory"] = AnalyzeBenchmarks.ModelsDirectory();
        builder.Services.AddTicketing(builder.Configuration);
        builder.Services.AddModeration(builder.Configuration);
        builder.Services.AddAssistant(builder.Configuration);
        _app = builder.Build();
        _app.StartAsync().GetAwaiter().GetResult();
        _pipeline = _app.Services.GetRequiredService<ITurnHandler>();
        // One warm-up turn so model loading and first-use costs are outside the measurement.
        TurnAsync().GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public void Cleanup()
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

    [Benchmark]
    public Task MessageTurn() => TurnAsync();

    private Task TurnAsync()
    {
        var conversationId = $"bench-{Interlocked.Increment(ref _conversation)}";
        var activity = new Activity
        {
            Type = ActivityTypes.Message,
            Id = conversationId + "|0000001",
            Timestamp = DateTimeOffset.UtcNow,
            ChannelId = "directline",
            Text = Text,
            Locale = "fr-FR",
            From = new ChannelAccount { Id = "dl_" + conversationId, Role = RoleTypes.User },
            Conversation = new ConversationAccount { Id = conversationId },
        };
        return _pipeline.OnTurnAsync(new TurnContext(conversationId, "digisense", activity, _sender), CancellationToken.None);
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

        public Task SendTypingAsync(string conversationId, ChannelAccount from, CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
