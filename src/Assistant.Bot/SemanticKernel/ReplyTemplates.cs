using System.Collections.Frozen;
using Assistant.Bot.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.SemanticKernel;

namespace Assistant.Bot.SemanticKernel;

/// <summary>
/// The assistant's replies, one folder per reply under <c>prompts/Replies/&lt;Key&gt;/{fr,en}.txt</c>, in
/// Semantic Kernel's template syntax (<c>{{$name}}</c>). Parsed once at start and again on <see cref="Reload"/>;
/// a template that does not parse is refused with the reason and the previous set stays in use.
/// </summary>
public sealed class ReplyTemplates
{
    // Replies go to the user as plain text, not to a model: SK's HTML encoding of arguments would only mangle
    // names and e-mails (values are put on one line by the caller, PlainText.OneLine).
    private static readonly KernelPromptTemplateFactory Factory = new() { AllowDangerouslySetContent = true };

    private readonly Kernel _kernel;
    private readonly string _directory;
    private FrozenDictionary<string, IPromptTemplate> _templates;

    public ReplyTemplates(Kernel kernel, IOptions<AssistantOptions> options)
    {
        _kernel = kernel;
        _directory = Path.Combine(options.Value.ResolvePromptsDirectory(), "Replies");
        _templates = Load(_directory);
    }

    public IReadOnlyCollection<string> Keys => _templates.Keys.Select(k => k.Split('/')[0]).Distinct().ToList();

    public Task<string> RenderAsync(string key, string language, IReadOnlyDictionary<string, string?>? values = null, CancellationToken cancellationToken = default)
    {
        if (!_templates.TryGetValue($"{key}/{language}", out var template) && !_templates.TryGetValue($"{key}/fr", out template))
        {
            throw new KeyNotFoundException($"No reply template '{key}' in {_directory}.");
        }
        var arguments = new KernelArguments();
        foreach (var (name, value) in values ?? new Dictionary<string, string?>())
        {
            arguments[name] = value ?? "";
        }
        return template.RenderAsync(_kernel, arguments, cancellationToken);
    }

    /// <summary>Re-reads every template; on a parse error throws and keeps the current set.</summary>
    public void Reload() => _templates = Load(_directory);

    /// <summary>Checks a template text before an admin saves it; returns null when it parses, else the reason.</summary>
    public static string? Validate(string text)
    {
        try
        {
            Factory.Create(new PromptTemplateConfig(text));
            return null;
        }
        catch (KernelException ex)
        {
            return ex.Message;
        }
    }

    private static FrozenDictionary<string, IPromptTemplate> Load(string directory)
    {
        if (!Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException($"Reply templates not found: {directory}. Set Assistant:PromptsDirectory.");
        }
        var templates = new Dictionary<string, IPromptTemplate>(StringComparer.Ordinal);
        foreach (var folder in Directory.EnumerateDirectories(directory))
        {
            foreach (var file in Directory.EnumerateFiles(folder, "*.txt"))
            {
                var key = $"{Path.GetFileName(folder)}/{Path.GetFileNameWithoutExtension(file)}";
                var text = File.ReadAllText(file).TrimEnd('\n', '\r');
                templates[key] = Factory.Create(new PromptTemplateConfig(text) { Name = key });
            }
        }
        return templates.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
