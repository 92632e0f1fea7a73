using Assistant.Moderation.Training;
using Microsoft.Extensions.ObjectPool;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Assistant.Moderation.Serving;

/// <summary>
/// A loaded classifier for serving: PredictionEngine is not thread-safe, so engines are pooled and each
/// call borrows one. Returns a probability per class, in <see cref="Classes"/> order.
/// </summary>
public sealed class TextClassifier
{
    private readonly ObjectPool<PredictionEngine<TextExample, TextPrediction>> _engines;

    public TextClassifier(MLContext ml, ITransformer model)
    {
        ArgumentNullException.ThrowIfNull(ml);
        Model = model;
        _engines = new DefaultObjectPoolProvider { MaximumRetained = Environment.ProcessorCount * 2 }
            .Create(new EnginePolicy(ml, model));
        var engine = _engines.Get();
        try
        {
            VBuffer<ReadOnlyMemory<char>> names = default;
            engine.OutputSchema["Score"].GetSlotNames(ref names);
            Classes = names.DenseValues().Select(n => n.ToString()).ToArray();
        }
        finally
        {
            _engines.Return(engine);
        }
    }

    public ITransformer Model { get; }

    public IReadOnlyList<string> Classes { get; }

    public ClassPrediction Predict(string text)
    {
        var engine = _engines.Get();
        try
        {
            var output = engine.Predict(new TextExample { Text = text });
            var best = 0;
            for (var i = 1; i < output.Score.Length; i++)
            {
                if (output.Score[i] > output.Score[best])
                {
                    best = i;
                }
            }

            return new ClassPrediction(Classes[best], output.Score[best], output.Score, Classes);
        }
        finally
        {
            _engines.Return(engine);
        }
    }

    public static TextClassifier Load(MLContext ml, string path)
    {
        ArgumentNullException.ThrowIfNull(ml);
        var model = ml.Model.Load(path, out _);
        return new TextClassifier(ml, model);
    }

    private sealed class EnginePolicy(MLContext ml, ITransformer model) : IPooledObjectPolicy<PredictionEngine<TextExample, TextPrediction>>
    {
        public PredictionEngine<TextExample, TextPrediction> Create() => ml.Model.CreatePredictionEngine<TextExample, TextPrediction>(model);

        public bool Return(PredictionEngine<TextExample, TextPrediction> obj) => true;
    }
}

/// <summary>The most probable class, its probability, and the probability of every class.</summary>
public sealed record ClassPrediction(string Label, float Probability, IReadOnlyList<float> Scores, IReadOnlyList<string> Classes)
{
    public float ScoreOf(string label)
    {
        for (var i = 0; i < Classes.Count; i++)
        {
            if (Classes[i] == label)
            {
                return Scores[i];
            }
        }

        return 0f;
    }
}
