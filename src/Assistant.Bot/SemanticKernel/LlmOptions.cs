namespace Assistant.Bot.SemanticKernel;

/// <summary>The <c>Assistant:Llm</c> section: any OpenAI-compatible chat endpoint. No endpoint: the local interpreter.</summary>
public sealed class LlmOptions
{
    public const string SectionName = "Assistant:Llm";

    /// <summary>Base URL of the OpenAI-compatible API, e.g. <c>http://localhost:11434/v1</c> for Ollama.</summary>
    public string? Endpoint { get; set; }

    public string Model { get; set; } = "gpt-4o-mini";

    public string? ApiKey { get; set; }

    /// <summary>A turn never waits longer than this for the model; past it the local interpreter answers.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(8);

    public bool Enabled => !string.IsNullOrWhiteSpace(Endpoint);
}
