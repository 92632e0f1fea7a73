using Assistant.Bot.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.SemanticKernel;

namespace Assistant.Bot.SemanticKernel;

/// <summary>
/// The LLM interpreter's prompt (<c>prompts/Intake/Interpret/skprompt.txt</c> with its <c>config.json</c>). An admin's
/// saved version replaces the shipped text through <see cref="Use"/> and serves from the next message on.
/// </summary>
public sealed class InterpretPrompt
{
    private readonly Kernel _kernel;
    private readonly string _configJson;
    private volatile KernelFunction _function;
    private volatile string _currentText;

    public InterpretPrompt(Kernel kernel, IOptions<AssistantOptions> options)
    {
        _kernel = kernel;
        var directory = Path.Combine(options.Value.ResolvePromptsDirectory(), "Intake", "Interpret");
        _configJson = File.ReadAllText(Path.Combine(directory, "config.json"));
        ShippedText = File.ReadAllText(Path.Combine(directory, "skprompt.txt"));
        _currentText = ShippedText;
        _function = Create(ShippedText);
    }

    public string ShippedText { get; }

    public string CurrentText => _currentText;

    public KernelFunction Function => _function;

    /// <summary>Serves <paramref name="text"/> from the next message on; null goes back to the shipped file. Returns null, or why it was refused.</summary>
    public string? Use(string? text)
    {
        try
        {
            var function = Create(text ?? ShippedText);
            (_function, _currentText) = (function, text ?? ShippedText);
            return null;
        }
        catch (KernelException ex)
        {
            return ex.Message;
        }
    }

    /// <summary>Renders a candidate text as the model would receive it; returns the prompt, or why the text cannot be used.</summary>
    public async Task<(string? Rendered, string? Error)> TryRenderAsync(string text, IReadOnlyDictionary<string, string?> values, CancellationToken cancellationToken)
    {
        try
        {
            var template = new KernelPromptTemplateFactory().Create(Config(text));
            var arguments = new KernelArguments();
            foreach (var (name, value) in values)
            {
                arguments[name] = value ?? "";
            }

            return (await template.RenderAsync(_kernel, arguments, cancellationToken), null);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return (null, ex.Message);
        }
    }

    // As CreatePluginFromPromptDirectory builds it: the directory's config.json with skprompt.txt as the template.
    private KernelFunction Create(string text) => KernelFunctionFactory.CreateFromPrompt(Config(text));

    private PromptTemplateConfig Config(string text)
    {
        var config = PromptTemplateConfig.FromJson(_configJson);
        config.Name = "Interpret";
        config.Template = text;
        return config;
    }
}
