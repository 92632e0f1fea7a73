using System.Globalization;

namespace Assistant.Load;

public enum LoadMode
{
    /// <summary>Each chat sends its next message as soon as the bot has ended its turn.</summary>
    Closed,

    /// <summary>Each chat sends one message every <see cref="LoadOptions.Interval"/>, jittered, like a person typing.</summary>
    Paced,
}

/// <summary>The command line. Every option has a default, so the bare command runs a useful comparison.</summary>
public sealed record LoadOptions
{
    public const string Usage = """
        Drives concurrent Direct Line chats (one WebSocket each) against an in-process echo server and the real assistant.

          --chats N            concurrent chats (100)
          --mode closed|paced  closed: next message when the turn ends; paced: one message every --interval s (closed)
          --interval S         paced mode: seconds between two messages of a chat, jittered ±25 % (4)
          --duration S         measured seconds per server (30)
          --timeout S          a turn with no end within this is an error (30)
          --idle-chats K       assistant memory: open K idle chats and compare resident memory (500; 0 skips)
          --target T           both | echo | assistant (both)
          --models-cache DIR   where trained models are kept between runs (~/.cache/support-assistant/load-models)
          --fresh-models       train in the temporary data directory instead (about a minute on two cores)
          --bot-dll PATH       the assistant to start (src/Assistant.Bot/bin/<configuration>/net10.0/Assistant.Bot.dll)
          --incident PRODUCT   before the measured window, declare an incident on PRODUCT (e.g. vroom) for each operator;
                               chats reporting trouble on it are told and answer "oui" to be linked
          --seed N             seed of the chats' choices (1)
          --trace              print what the first chat says and what it is asked (stderr)
        """;

    public int Chats { get; init; } = 100;
    public LoadMode Mode { get; init; } = LoadMode.Closed;
    public TimeSpan Interval { get; init; } = TimeSpan.FromSeconds(4);
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(30);
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);
    public int IdleChats { get; init; } = 500;
    public bool RunEcho { get; init; } = true;
    public bool RunAssistant { get; init; } = true;
    public string? ModelsCache { get; init; }
    public bool FreshModels { get; init; }
    public string? BotDll { get; init; }
    /// <summary>A product with an incident declared (through the notices API) before the measured window; null: none.</summary>
    public string? Incident { get; init; }
    public int Seed { get; init; } = 1;
    public bool Trace { get; init; }

    /// <summary>The options, or null (after printing why) when the command line is wrong or asks for help.</summary>
    public static LoadOptions? Parse(string[] args)
    {
        var options = new LoadOptions();
        try
        {
            for (var i = 0; i < args.Length; i++)
            {
                string Value() => i + 1 < args.Length ? args[++i] : throw new FormatException($"{args[i]} needs a value");
                options = args[i] switch
                {
                    "--chats" => options with { Chats = Positive(Value()) },
                    "--mode" => options with { Mode = Enum.Parse<LoadMode>(Value(), ignoreCase: true) },
                    "--interval" => options with { Interval = Seconds(Value()) },
                    "--duration" => options with { Duration = Seconds(Value()) },
                    "--timeout" => options with { Timeout = Seconds(Value()) },
                    "--idle-chats" => options with { IdleChats = int.Parse(Value(), CultureInfo.InvariantCulture) },
                    "--target" => Value() switch
                    {
                        "both" => options with { RunEcho = true, RunAssistant = true },
                        "echo" => options with { RunEcho = true, RunAssistant = false },
                        "assistant" => options with { RunEcho = false, RunAssistant = true },
                        var other => throw new FormatException($"unknown target {other}"),
                    },
                    "--models-cache" => options with { ModelsCache = Value() },
                    "--fresh-models" => options with { FreshModels = true },
                    "--bot-dll" => options with { BotDll = Value() },
                    "--incident" => options with { Incident = Value().Trim().ToLowerInvariant() },
                    "--seed" => options with { Seed = int.Parse(Value(), CultureInfo.InvariantCulture) },
                    "--trace" => options with { Trace = true },
                    "--help" or "-h" => null,
                    var other => throw new FormatException($"unknown option {other}"),
                };
                if (options is null)
                {
                    return null;
                }
            }
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException or OverflowException)
        {
            Console.Error.WriteLine(ex.Message);
            return null;
        }

        return options;
    }

    private static int Positive(string text)
    {
        var value = int.Parse(text, CultureInfo.InvariantCulture);
        return value > 0 ? value : throw new FormatException("expected a positive number");
    }

    private static TimeSpan Seconds(string text)
    {
        var value = double.Parse(text, CultureInfo.InvariantCulture);
        return value > 0 ? TimeSpan.FromSeconds(value) : throw new FormatException("expected a positive number of seconds");
    }
}
