namespace Assistant.Knowledge.Evaluation;

/// <summary>One question of the evaluation set; <see cref="Articles"/> is empty for a question no article answers.</summary>
public sealed record EvaluationQuestion(string OperatorId, string Language, string Text, IReadOnlyList<string> Articles, int Line)
{
    public bool Covered => Articles.Count > 0;

    /// <summary>
    /// The held-out half: a stable hash of the text decides, so the halves never change between runs and a question
    /// never moves from one to the other. Thresholds are tuned on the other half only.
    /// </summary>
    public bool HeldOut => Hash(Text) % 2 == 1;

    private static uint Hash(string text)
    {
        var hash = 2166136261u;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 16777619u;
        }
        return hash;
    }
}

/// <summary>The evaluation set: <c>covered.tsv</c> (operator, language, article slugs, question) and <c>uncovered.tsv</c> (operator, language, question).</summary>
public static class EvaluationSet
{
    public const string CoveredFile = "covered.tsv";
    public const string UncoveredFile = "uncovered.tsv";

    public static IReadOnlyList<EvaluationQuestion> Load(string directory)
    {
        var questions = new List<EvaluationQuestion>();
        questions.AddRange(Read(Path.Combine(directory, CoveredFile), covered: true));
        questions.AddRange(Read(Path.Combine(directory, UncoveredFile), covered: false));
        return questions;
    }

    private static IEnumerable<EvaluationQuestion> Read(string path, bool covered)
    {
        var lineNumber = 0;
        foreach (var line in File.ReadLines(path))
        {
            lineNumber++;
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }
            var columns = line.Split('\t');
            if (columns.Length != (covered ? 4 : 3) || columns.Any(c => c.Trim().Length == 0))
            {
                throw new FormatException($"{path} line {lineNumber}: expected {(covered ? 4 : 3)} tab-separated columns.");
            }
            var articles = covered
                ? columns[2].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(s => $"{columns[0]}/{s}").ToList()
                : [];
            yield return new EvaluationQuestion(columns[0], columns[1], columns[^1].Trim(), articles, lineNumber);
        }
    }
}
