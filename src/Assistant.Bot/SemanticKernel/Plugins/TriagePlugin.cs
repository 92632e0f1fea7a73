using System.ComponentModel;
using Assistant.Moderation.Analysis;
using Microsoft.SemanticKernel;

namespace Assistant.Bot.SemanticKernel.Plugins;

/// <summary>The ML.NET moderation and triage models, offered to the model as a tool.</summary>
public sealed class TriagePlugin(IMessageAnalyzer analyzer)
{
    [KernelFunction("classify")]
    [Description("Classifies a support message with the trained models: moderation label (ok, abusive, offtopic), priority, category and product from the taxonomy.")]
    public string Classify([Description("The message to classify")] string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return "Nothing to classify.";
        }
        var analysis = analyzer.Analyze(text);
        return $"moderation={analysis.Moderation.Label} priority={analysis.Triage.Priority} category={analysis.Triage.Category} product={analysis.Triage.Product}";
    }
}
