using Microsoft.ML.Data;

namespace Assistant.Moderation.Training;

/// <summary>The row shape every classifier is trained and served on. Label and Weight are unused when predicting.</summary>
public sealed class TextExample
{
    public string Text { get; set; } = "";

    public string Label { get; set; } = "";

    public float Weight { get; set; } = 1f;
}

public sealed class TextPrediction
{
    [ColumnName("PredictedLabel")]
    public string PredictedLabel { get; set; } = "";

    [ColumnName("Score")]
    public float[] Score { get; set; } = [];
}
