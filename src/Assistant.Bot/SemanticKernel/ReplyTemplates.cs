using System.Collections.Frozen;
using Assistant.Bot.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.SemanticKernel;

namespace Assistant.Bot.SemanticKernel;

/// <summary>
/// The assistant's replies, one folder per reply under <c>prompts/Replies/&lt;Key&gt;/{fr,en}.txt</c>, in
/// Semantic Kernel's template syntax (<c>{{$name}}</c>). Parsed once at start and again on <see cref="Reload"/>;
/// a template that does not parse is refused with the reason and the previous set stays in use. An admin's saved
/// version replaces one file's template through <see cref="Use"/> and serves from the next render on.
/// </summary>
public sealed class ReplyTemplates
{
    // Replies go to the user as plain text, not to a model: SK's HTML encoding of arguments would only mangle
    // names and e-mails (values are put on one line by the caller, PlainText.OneLine).
    private static readonly KernelPromptTemplateFactory Factory = new() { AllowDangerouslySetContent = true };

    private readonly Kernel _kernel;
    private readonly string _directory;
    private readonly Lock _gate = new();
    // "Key/language" -> the text that replaces the shipped file's (admins' saved versions).
    private readonly Dictionary<string, string> _overrides = new(StringComparer.Ordinal);
    private FrozenDictionary<string, IPromptTemplate> _templates;
    private FrozenDictionary<string, string> _fileTexts;

    public ReplyTemplates(Kernel kernel, IOptions<AssistantOptions> options)
    {
        _kernel = kernel;
        _directory = Path.Combine(options.Value.ResolvePromptsDirectory(), "Replies");
        (_templates, _fileTexts) = Load(_directory);
    }

    public IReadOnlyCollection<string> Keys => _templates.Keys.Select(k => k.Split('/')[0]).Distinct().ToList();

    /// <summary>Every <c>Key/language</c> shipped in the prompts folder.</summary>
    public IReadOnlyCollection<string> Files => _fileTexts.Keys;

    /// <summary>The text shipped in <c>prompts/Replies/&lt;Key&gt;/&lt;language&gt;.txt</c>, or null.</summary>
    public string? FileText(string key, string language) => _fileTexts.GetValueOrDefault($"{key}/{language}");

    /// <summary>The text in use: an admin's saved version, else the shipped file's.</summary>
    public string? CurrentText(string key, string language)
    {
        lock (_gate)
        {
            return _overrides.TryGetValue($"{key}/{language}", out var text) ? text : FileText(key, language);
        }
    }

    /// <summary>
    /// Serves <paramref name="text"/> for one shipped template from the next render on; null goes back to the file.
    /// Returns null when done, else the reason the text was refused (nothing changes then).
    /// </summary>
    public string? Use(string key, string language, string? text)
    {
        var name = $"{key}/{language}";
        if (!_fileTexts.ContainsKey(name))
        {
            return $"No reply template '{name}' in {_directory}.";
        }

        IPromptTemplate template;
        try
        {
            template = Factory.Create(new PromptTemplateConfig(text ?? _fileTexts[name]) { Name = name });
        }
        catch (KernelException ex)
        {
            return ex.Message;
        }

        lock (_gate)
        {
            if (text is null)
            {
                _overrides.Remove(name);
            }
            else
            {
                _overrides[name] = text;
            }

            var templates = new Dictionary<string, IPromptTemplate>(_templates, StringComparer.Ordinal) { [name] = template };
            _templates = templates.ToFrozenDictionary(StringComparer.Ordinal);
        }

        return null;
    }

    /// <summary>
    /// Parses and renders a candidate text with sample values, as a reply would be rendered. Returns the rendered
    /// text, or the reason it cannot be used (syntax error, function call, render failure).
    /// </summary>
    public async Task<(string? Rendered, string? Error)> TryRenderAsync(string text, IReadOnlyDictionary<string, string?> values, CancellationToken cancellationToken)
    {
        try
        {
            var template = Factory.Create(new PromptTemplateConfig(text));
            return (await template.RenderAsync(_kernel, Arguments(values), cancellationToken), null);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Parse errors are KernelExceptions; a call to a function the kernel lacks fails differently (KeyNotFoundException).
            return (null, ex.Message);
        }
    }

    public Task<string> RenderAsync(string key, string language, IReadOnlyDictionary<string, string?>? values = null, CancellationToken cancellationToken = default)
    {
        if (!_templates.TryGetValue($"{key}/{language}", out var template) && !_templates.TryGetValue($"{key}/fr", out template))
        {
            throw new KeyNotFoundException($"No reply template '{key}' in {_directory}.");
        }
        return template.RenderAsync(_kernel, Arguments(values), cancellationToken);
    }

    /// <summary>Re-reads every template, then applies the saved versions again; on a parse error throws and keeps the current set.</summary>
    public void Reload()
    {
        var (templates, texts) = Load(_directory);
        lock (_gate)
        {
            var merged = new Dictionary<string, IPromptTemplate>(templates, StringComparer.Ordinal);
            foreach (var (name, text) in _overrides.Where(o => texts.ContainsKey(o.Key)))
            {
                merged[name] = Factory.Create(new PromptTemplateConfig(text) { Name = name });
            }

            (_templates, _fileTexts) = (merged.ToFrozenDictionary(StringComparer.Ordinal), texts);
        }
    }

    private static KernelArguments Arguments(IReadOnlyDictionary<string, string?>? values)
    {
        var arguments = new KernelArguments();
        foreach (var (name, value) in values ?? new Dictionary<string, string?>())
        {
            arguments[name] = value ?? "";
        }
        return arguments;
    }

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

    private static (FrozenDictionary<string, IPromptTemplate> Templates, FrozenDictionary<string, string> Texts) Load(string directory)
    {
        if (!Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException($"Reply templates not found: {directory}. Set Assistant:PromptsDirectory.");
        }
        var templates = new Dictionary<string, IPromptTemplate>(StringComparer.Ordinal);
        var texts = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var folder in Directory.EnumerateDirectories(directory))
        {
            foreach (var file in Directory.EnumerateFiles(folder, "*.txt"))
            {
                var key = $"{Path.GetFileName(folder)}/{Path.GetFileNameWithoutExtension(file)}";
                var text = File.ReadAllText(file).TrimEnd('\n', '\r');
                templates[key] = Factory.Create(new PromptTemplateConfig(text) { Name = key });
                texts[key] = text;
            }
        }
        return (templates.ToFrozenDictionary(StringComparer.Ordinal), texts.ToFrozenDictionary(StringComparer.Ordinal));
    }
}
