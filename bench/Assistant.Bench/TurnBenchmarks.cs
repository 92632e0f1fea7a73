using BenchmarkDotNet.Attributes;

namespace Assistant.Bench;

/// <summary>
/// The server-side work of one bot turn without an LLM: the host's real services (built-in local interpreter) and the
/// turn pipeline (sanction check, moderation, intake dialog, state saved). Each call is the first message of a new
/// conversation (<see cref="BenchHost.FirstMessageAsync"/>).
/// </summary>
[MemoryDiagnoser]
public class TurnBenchmarks
{
    private BenchHost _host = null!;

    [Params(
        "Bonjour, je n'arrive plus à me connecter à V-room depuis ce matin, j'ai une réunion à 14h",
        "Vous êtes une bande d'incapables, rendez-moi mon argent")]
    public string Text { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        _host = new BenchHost(new Dictionary<string, string?>());
        // One warm-up turn so model loading and first-use costs are outside the measurement.
        _host.FirstMessageAsync(Text).GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public void Cleanup() => _host.Dispose();

    [Benchmark]
    public Task MessageTurn() => _host.FirstMessageAsync(Text);
}
