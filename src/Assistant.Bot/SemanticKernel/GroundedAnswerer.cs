using System.Text.Json;
using System.Text.Json.Serialization;
using Assistant.Bot.Hosting;
using Assistant.Knowledge.Articles;
using Microsoft.Extensions.Options;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.Connectors.OpenAI;

namespace Assistant.Bot.SemanticKernel;

/// <summary>What the model made of a question and its articles; null when there is no endpoint or its answer cannot be used.</summary>
/// <param name="Covered">False: the model says the articles do not answer the question.</param>
public sealed record GroundedAnswer(bool Covered, string Text, IReadOnlyList<Article> Sources);

/// <summary>
/// With an LLM endpoint, the self-service answer is written by the model from the top articles only
/// (<c>prompts/SelfService/Answer</c>), citing them; an answer without a citation of a given article, too long, or a slow
/// or broken model gives null and the dialog shows the local extract instead.
/// </summary>
public sealed partial class GroundedAnswerer
{
    public const int MaxAnswerLength = 1200;

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    private readonly LlmEndpoint _endpoint;
    private readonly KernelFunction _function;
    private readonly ILogger<GroundedAnswerer> _logger;

    public GroundedAnswerer(LlmEndpoint endpoint, IOptions<AssistantOptions> options, ILogger<GroundedAnswerer> logger)
    {
        _endpoint = endpoint;
        _logger = logger;
        var directory = Path.Combine(options.Value.ResolvePromptsDirectory(), "SelfService", "Answer");
        var config = PromptTemplateConfig.FromJson(File.ReadAllText(Path.Combine(directory, "config.json")));
        config.Name = "Answer";
        config.Template = File.ReadAllText(Path.Combine(directory, "skprompt.txt"));
        _function = KernelFunctionFactory.CreateFromPrompt(config);
    }

    public bool Configured => _endpoint.Current.Kernel is not null;

    public async Task<GroundedAnswer?> AnswerAsync(string question, IReadOnlyList<Article> articles, string language, string operatorName, string conversationId, CancellationToken cancellationToken)
    {
        var connection = _endpoint.Current;
        if (connection.Kernel is null || articles.Count == 0)
        {
            return null;
        }
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(connection.Settings.Timeout);
            var settings = new OpenAIPromptExecutionSettings { ResponseFormat = typeof(GroundedFields), Temperature = 0 };
            var arguments = new KernelArguments(settings)
            {
                ["question"] = question,
                ["articles"] = string.Join("\n\n", articles.Select(a => $"id: {a.Id}\ntitle: {a.Title}\n{a.Body}")),
                ["language"] = language,
                ["operator"] = operatorName,
            };
            var result = await connection.Kernel.InvokeAsync(_function, arguments, timeout.Token);
            var fields = JsonSerializer.Deserialize<GroundedFields>(result.GetValue<string>() ?? "", JsonOptions)
                ?? throw new JsonException("empty structured output");
            if (!fields.Covered)
            {
                return new GroundedAnswer(false, "", []);
            }
            var sources = articles.Where(a => fields.Citations?.Contains(a.Id, StringComparer.Ordinal) == true).ToList();
            var text = fields.Answer?.Trim() ?? "";
            if (sources.Count == 0 || text.Length == 0 || text.Length > MaxAnswerLength)
            {
                // An answer that cites none of the given articles is not grounded in them: not shown.
                LogRejected(_logger, sources.Count, text.Length, conversationId);
                return null;
            }
            return new GroundedAnswer(true, text, sources);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogFallback(_logger, ex.GetType().Name, conversationId);
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Grounded answer unavailable ({Error}) in conversation {ConversationId}: the article's extract is shown")]
    private static partial void LogFallback(ILogger logger, string error, string conversationId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Grounded answer refused ({Sources} given articles cited, {Length} characters) in conversation {ConversationId}: the article's extract is shown")]
    private static partial void LogRejected(ILogger logger, int sources, int length, string conversationId);

    public sealed class GroundedFields
    {
        [JsonPropertyName("covered")]
        public bool Covered { get; set; }

        [JsonPropertyName("answer")]
        public string? Answer { get; set; }

        [JsonPropertyName("citations")]
        public List<string>? Citations { get; set; }
    }
}
