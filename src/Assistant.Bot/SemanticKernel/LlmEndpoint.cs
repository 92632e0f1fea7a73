using Microsoft.SemanticKernel;
using Microsoft.Extensions.Options;

namespace Assistant.Bot.SemanticKernel;

/// <summary>The settings in use and the kernel built for them; <see cref="Kernel"/> is null without an endpoint.</summary>
public sealed class LlmConnection(LlmSettings settings, Kernel? kernel)
{
    public LlmSettings Settings { get; } = settings;

    public Kernel? Kernel { get; } = kernel;
}

/// <summary>
/// The LLM endpoint the interpreter calls at each turn. Built from configuration at start; an admin's edit builds a
/// new kernel with the OpenAI connector and swaps it in whole, so the next turn uses it and a running turn finishes
/// on the one it started with.
/// </summary>
public sealed partial class LlmEndpoint : IDisposable
{
    // One connection pool for every kernel built: a swap does not cut requests still running on the old one.
    private readonly SocketsHttpHandler _handler = new() { PooledConnectionLifetime = TimeSpan.FromMinutes(5) };
    private readonly ILoggerFactory _loggerFactory;
    private readonly ILogger<LlmEndpoint> _logger;
    private volatile LlmConnection _current;

    public LlmEndpoint(IOptions<LlmOptions> options, ILoggerFactory loggerFactory)
    {
        _loggerFactory = loggerFactory;
        _logger = loggerFactory.CreateLogger<LlmEndpoint>();
        Configured = LlmSettings.From(options.Value);
        _current = Connect(Configured);
    }

    /// <summary>The settings from configuration, which a reset goes back to.</summary>
    public LlmSettings Configured { get; }

    public LlmConnection Current => _current;

    /// <summary>Serves <paramref name="settings"/> from the next turn on.</summary>
    public void Use(LlmSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _current = Connect(settings);
        // Scheme, host and path only: a query string could carry a token.
        var endpoint = settings.Enabled ? new Uri(settings.Endpoint!).GetLeftPart(UriPartial.Path) : "none (local interpreter)";
        LogUsed(_logger, endpoint, settings.Model, settings.Timeout.TotalSeconds);
    }

    public void Dispose() => _handler.Dispose();

    private LlmConnection Connect(LlmSettings settings)
    {
        if (!settings.Enabled)
        {
            return new LlmConnection(settings, null);
        }

        var builder = Kernel.CreateBuilder();
        builder.Services.AddSingleton(_loggerFactory);
        var client = new HttpClient(_handler, disposeHandler: false) { Timeout = settings.Timeout };
        builder.AddOpenAIChatCompletion(settings.Model, new Uri(settings.Endpoint!), settings.ApiKey ?? "none", httpClient: client);
        return new LlmConnection(settings, builder.Build());
    }

    [LoggerMessage(EventId = 6101, Level = LogLevel.Information, Message = "LLM interpreter now uses endpoint {Endpoint}, model {Model}, timeout {TimeoutSeconds} s")]
    private static partial void LogUsed(ILogger logger, string endpoint, string model, double timeoutSeconds);
}
