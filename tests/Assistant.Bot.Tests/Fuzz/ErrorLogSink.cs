using System.Collections.Concurrent;
using Serilog.Core;
using Serilog.Events;

namespace Assistant.Bot.Tests.Fuzz;

/// <summary>Keeps every Error and Fatal line the host writes (Serilog reads sinks from the container).</summary>
public sealed class ErrorLogSink : ILogEventSink
{
    private readonly ConcurrentQueue<string> _errors = new();

    public IReadOnlyCollection<string> Errors => _errors;

    public void Emit(LogEvent logEvent)
    {
        if (logEvent.Level >= LogEventLevel.Error)
        {
            _errors.Enqueue($"{logEvent.RenderMessage(System.Globalization.CultureInfo.InvariantCulture)} {logEvent.Exception?.GetType().Name}: {logEvent.Exception?.Message}");
        }
    }
}
