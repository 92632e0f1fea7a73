using System.Text.Json;
using System.Text.Json.Serialization;
using Assistant.Bot.Intake;
using Assistant.Bot.SemanticKernel.Plugins;
using Assistant.Moderation.Analysis;
using Assistant.Ticketing.Customers;
using Assistant.Ticketing.Operators;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.Connectors.OpenAI;

namespace Assistant.Bot.SemanticKernel;

/// <summary>
/// Interprets a message with an OpenAI-compatible chat model (structured output), then keeps only what
/// checks out: taxonomy values, and contact details that really appear in the user's text. If the model
/// fails, times out or answers garbage, the local interpreter's reading is used and the user sees no error.
/// The endpoint is read at each turn from <see cref="LlmEndpoint"/>: without one, the local interpreter answers.
/// </summary>
public sealed partial class LlmInterpreter : IIntakeInterpreter
{
    public const string Name = "llm";

    private static readonly HashSet<string> CategoryValues = ["incident", "access", "billing", "order", "complaint", "question"];
    private static readonly HashSet<string> ProductValues = ["vroom", "ibox", "client-space", "other"];

    private readonly LlmEndpoint _endpoint;
    private readonly InterpretPrompt _prompt;
    private readonly IOperatorCatalog _operators;
    private readonly IntakeTicketing _ticketing;
    private readonly IMessageAnalyzer _analyzer;
    private readonly ICustomerVerifier _verifier;
    private readonly ILogger<LlmInterpreter> _logger;

    public LlmInterpreter(
        LlmEndpoint endpoint,
        InterpretPrompt prompt,
        IOperatorCatalog operators,
        IntakeTicketing ticketing,
        IMessageAnalyzer analyzer,
        ICustomerVerifier verifier,
        ILogger<LlmInterpreter> logger)
    {
        _endpoint = endpoint;
        _operators = operators;
        _ticketing = ticketing;
        _analyzer = analyzer;
        _verifier = verifier;
        _logger = logger;
        _prompt = prompt;
    }

    public async Task<Interpretation> InterpretAsync(string text, IntakeState state, CancellationToken cancellationToken)
    {
        var local = LocalInterpreter.Interpret(text);
        // One read per turn: an admin's edit applies from the next turn, never halfway through this one.
        var connection = _endpoint.Current;
        if (connection.Kernel is null)
        {
            return local;
        }

        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(connection.Settings.Timeout);
            var settings = new OpenAIPromptExecutionSettings
            {
                ResponseFormat = typeof(LlmFields),
                Temperature = 0,
                FunctionChoiceBehavior = FunctionChoiceBehavior.Auto(),
            };
            var arguments = new KernelArguments(settings)
            {
                ["message"] = text,
                ["pendingSlot"] = state.PendingSlot ?? "nothing in particular",
                ["language"] = state.Language,
                ["operator"] = _operators.Find(state.OperatorId)?.Name ?? state.OperatorId,
            };
            var result = await TurnKernel(connection.Kernel, state).InvokeAsync(_prompt.Function, arguments, timeout.Token);
            var fields = JsonSerializer.Deserialize<LlmFields>(result.GetValue<string>() ?? "", JsonOptions)
                ?? throw new JsonException("empty structured output");
            return Validate(fields, text, local);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogFallback(_logger, ex.GetType().Name, state.Id);
            return local;
        }
    }

    /// <summary>The endpoint's kernel with this turn's plugins, each bound to the user of the turn.</summary>
    private Kernel TurnKernel(Kernel endpointKernel, IntakeState state)
    {
        var kernel = endpointKernel.Clone();
        kernel.Plugins.AddFromObject(new TicketsPlugin(_ticketing, state.OperatorId, state.UserId), "tickets");
        kernel.Plugins.AddFromObject(new TriagePlugin(_analyzer), "triage");
        kernel.Plugins.AddFromObject(new CustomerPlugin(_verifier, state.OperatorId, state.UserId), "customers");
        return kernel;
    }

    /// <summary>The model proposes; only values from the taxonomy and details present in the user's own text are kept.</summary>
    public static Interpretation Validate(LlmFields fields, string text, Interpretation local)
    {
        var entities = local.Entities with
        {
            Email = Present(fields.Email, text)?.ToLowerInvariant() ?? local.Entities.Email,
            Phone = EntityExtractor.FindPhone(Present(fields.Phone, text) ?? "") ?? local.Entities.Phone,
            Name = Present(fields.Name, text) ?? local.Entities.Name,
            CustomerNumber = local.Entities.CustomerNumber ?? NormalizeCustomerNumber(Present(fields.CustomerNumber, text)),
        };
        if (entities.Email is not null && !entities.Email.Contains('@', StringComparison.Ordinal))
        {
            entities = entities with { Email = local.Entities.Email };
        }
        var command = local.Command != Command.None ? local.Command : ParseCommand(fields.Command, entities);
        return new Interpretation(
            command,
            entities,
            fields.Category is { } c && CategoryValues.Contains(c) ? c : local.Category,
            fields.Product is { } p && ProductValues.Contains(p) ? p : local.Product,
            fields.IsCorrection || local.IsCorrection,
            Name);
    }

    private static Command ParseCommand(string? value, ExtractedEntities entities) => value switch
    {
        "help" => Command.Help,
        "cancel" => Command.Cancel,
        "restart" => Command.Restart,
        "mytickets" => Command.MyTickets,
        // A status request needs a reference the user actually wrote.
        "ticketstatus" when entities.TicketReferences.Count > 0 => Command.TicketStatus,
        "human" => Command.Human,
        "yes" => Command.Yes,
        "no" => Command.No,
        "modify" => Command.Modify,
        "accept" => Command.AcceptTerms,
        "refuse" => Command.RefuseTerms,
        "skip" => Command.Skip,
        _ => Command.None,
    };

    private static string? Present(string? value, string text) =>
        string.IsNullOrWhiteSpace(value) || !text.Contains(value.Trim(), StringComparison.OrdinalIgnoreCase) ? null : value.Trim();

    // The model's reading of a customer number counts only in the form the local recogniser accepts.
    private static string? NormalizeCustomerNumber(string? value) =>
        value is null ? null : EntityExtractor.Extract(value).CustomerNumber;

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    [LoggerMessage(Level = LogLevel.Warning, Message = "LLM interpretation failed ({Error}) in conversation {ConversationId}; the local interpreter answered")]
    private static partial void LogFallback(ILogger logger, string error, string conversationId);
}

/// <summary>The structured output asked of the model.</summary>
public sealed class LlmFields
{
    [JsonPropertyName("command")] public string? Command { get; set; }
    [JsonPropertyName("category")] public string? Category { get; set; }
    [JsonPropertyName("product")] public string? Product { get; set; }
    [JsonPropertyName("name")] public string? Name { get; set; }
    [JsonPropertyName("email")] public string? Email { get; set; }
    [JsonPropertyName("phone")] public string? Phone { get; set; }
    [JsonPropertyName("customerNumber")] public string? CustomerNumber { get; set; }
    [JsonPropertyName("isCorrection")] public bool IsCorrection { get; set; }
}
