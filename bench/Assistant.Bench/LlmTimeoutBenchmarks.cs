using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using BenchmarkDotNet.Attributes;

namespace Assistant.Bench;

/// <summary>
/// A turn whose LLM endpoint takes the connection and never answers: the interpreter gives up after
/// <c>Assistant:Llm:Timeout</c> (1 s here) and the turn goes on with the local reading. The mean should be the timeout
/// plus a turn without an LLM (<see cref="TurnBenchmarks"/>), never the endpoint's silence. That the reply is then the
/// local one and the ticket gets filed is tested in LlmInterpreterTests.
/// </summary>
[MemoryDiagnoser]
public class LlmTimeoutBenchmarks
{
    private const string Text = "Bonjour, je n'arrive plus à me connecter à V-room depuis ce matin, j'ai une réunion à 14h";

    private SilentEndpoint _endpoint = null!;
    private BenchHost _host = null!;

    [GlobalSetup]
    public void Setup()
    {
        _endpoint = new SilentEndpoint();
        _host = new BenchHost(new Dictionary<string, string?>
        {
            ["Assistant:Llm:Endpoint"] = _endpoint.Url,
            ["Assistant:Llm:Model"] = "silent",
            ["Assistant:Llm:Timeout"] = "00:00:01",
        });
        _host.FirstMessageAsync(Text).GetAwaiter().GetResult();
        // Measure what the name says: a turn that did call the endpoint, and still answered.
        if (_endpoint.Connections == 0 || _host.LastReply is null)
        {
            throw new InvalidOperationException($"The warm-up turn made {_endpoint.Connections} connection(s) to the LLM endpoint and replied {(_host.LastReply is null ? "nothing" : "something")}.");
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _host.Dispose();
        _endpoint.Dispose();
    }

    [Benchmark]
    public Task MessageTurnWithSilentLlm() => _host.FirstMessageAsync(Text);

    /// <summary>Accepts connections on a loopback port, reads nothing and answers nothing, until disposed.</summary>
    private sealed class SilentEndpoint : IDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
        private readonly ConcurrentBag<TcpClient> _clients = [];
        private readonly CancellationTokenSource _stop = new();
        private int _connections;

        public SilentEndpoint()
        {
            _listener.Start();
            _ = Task.Run(AcceptAsync);
        }

        public string Url => $"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/v1";

        public int Connections => Volatile.Read(ref _connections);

        public void Dispose()
        {
            _stop.Cancel();
            _listener.Stop();
            foreach (var client in _clients)
            {
                client.Dispose();
            }

            _stop.Dispose();
        }

        private async Task AcceptAsync()
        {
            try
            {
                while (!_stop.IsCancellationRequested)
                {
                    _clients.Add(await _listener.AcceptTcpClientAsync(_stop.Token));
                    Interlocked.Increment(ref _connections);
                }
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                // Stopped.
            }
        }
    }
}
