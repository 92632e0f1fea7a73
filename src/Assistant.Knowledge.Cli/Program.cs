using System.Globalization;
using Assistant.Knowledge.Articles;
using Assistant.Knowledge.Evaluation;
using Assistant.Knowledge.Retrieval;

// Evaluation and tuning of the self-service answers (README, Self-service answers).
const string Usage = """
    usage: <command> [--kb DIR] [--set DIR]
      evaluate [--split heldout|tune|all] [--answer A] [--offer O] [--misses]
                 recall@1, recall@3, MRR, share of uncovered questions left unanswered (default: the held-out half,
                 the shipped thresholds)
      tune       try every pair of thresholds on the tuning half only; prints the best pairs that meet the targets
      search OPERATOR LANG TEXT...
                 what one question gets (decision, confidence, ranked articles)
    """;

if (args.Length == 0)
{
    Console.Error.WriteLine(Usage);
    return 2;
}

var options = new Dictionary<string, string>(StringComparer.Ordinal);
var words = new List<string>();
for (var i = 1; i < args.Length; i++)
{
    if (!args[i].StartsWith("--", StringComparison.Ordinal))
    {
        words.Add(args[i]);
        continue;
    }
    var hasValue = i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal);
    options[args[i][2..]] = hasValue ? args[++i] : "true";
}

try
{
    var root = RepositoryRoot();
    var kb = options.GetValueOrDefault("kb") ?? Path.Combine(root, "kb");
    var set = options.GetValueOrDefault("set") ?? Path.Combine(root, "src", "Assistant.Knowledge", "Evaluation", "Data");
    var articles = ArticleDirectory.Load(kb);
    var knowledge = new KnowledgeBase(articles);
    switch (args[0])
    {
        case "evaluate":
        {
            var split = options.GetValueOrDefault("split", "heldout");
            var questions = Split(EvaluationSet.Load(set), split);
            var thresholds = new RetrievalThresholds(
                Number(options, "answer", RetrievalThresholds.DefaultAnswer), Number(options, "offer", RetrievalThresholds.DefaultOffer));
            var report = Evaluator.Run(knowledge, questions, thresholds);
            Console.WriteLine($"articles: {articles.Count} in {kb}");
            Console.WriteLine($"split: {split}; thresholds: answer {thresholds.Answer:0.00}, offer {thresholds.Offer:0.00}");
            Print(report);
            if (options.ContainsKey("misses"))
            {
                foreach (var miss in report.Misses)
                {
                    var expected = miss.Question.Covered ? string.Join(",", miss.Question.Articles) : "(none)";
                    Console.WriteLine($"  miss {miss.Question.OperatorId}/{miss.Question.Language} \"{miss.Question.Text}\" expected {expected} shown [{string.Join(", ", miss.Shown)}] confidence {miss.Confidence:0.00}");
                }
            }
            return report.MeetsTargets ? 0 : 1;
        }

        case "tune":
        {
            var questions = Split(EvaluationSet.Load(set), "tune");
            var ranked = questions.Select(q => (q, knowledge.Search(q.OperatorId, q.Language, q.Text).Ranked)).ToList();
            var candidates = new List<(RetrievalThresholds Thresholds, EvaluationReport Report)>();
            for (var offer = 0.20f; offer <= 0.951f; offer += 0.025f)
            {
                for (var answer = offer; answer <= 1.001f; answer += 0.025f)
                {
                    var thresholds = new RetrievalThresholds(MathF.Round(answer, 2), MathF.Round(offer, 2));
                    candidates.Add((thresholds, Evaluator.Score(ranked, thresholds)));
                }
            }
            Console.WriteLine($"tuning half: {ranked.Count(r => r.q.Covered)} covered, {ranked.Count(r => !r.q.Covered)} uncovered");
            Console.WriteLine("answer offer  recall@1 recall@3   MRR  uncovered-silent answered answer-precision");
            // Best first: the targets met, then uncovered questions kept silent, then the higher MRR, then the more questions answered outright.
            foreach (var (thresholds, report) in candidates
                .OrderByDescending(c => c.Report.MeetsTargets).ThenByDescending(c => c.Report.UncoveredUnanswered >= 0.90).ThenByDescending(c => Math.Round(c.Report.Mrr, 3))
                .ThenByDescending(c => c.Report.UncoveredUnanswered).ThenByDescending(c => c.Report.AnswerPrecision).Take(15))
            {
                Console.WriteLine($"{thresholds.Answer,6:0.00} {thresholds.Offer,5:0.00}  {report.RecallAt1,8:0.000} {report.RecallAt3,8:0.000} {report.Mrr,5:0.000} {report.UncoveredUnanswered,16:0.000} {report.AnsweredShare,8:0.000} {report.AnswerPrecision,16:0.000}");
            }
            return 0;
        }

        case "search" when words.Count >= 3:
        {
            var retrieval = knowledge.Search(words[0], words[1], string.Join(' ', words.Skip(2)));
            Console.WriteLine($"decision: {retrieval.Decision}, confidence {retrieval.Confidence:0.00}");
            foreach (var match in retrieval.Ranked.Take(5))
            {
                Console.WriteLine($"  {match.Confidence:0.00} {match.Score,6:0.00} {match.Article.Id} ({match.Article.Language}) {match.Article.Title}");
            }
            return 0;
        }

        default:
            Console.Error.WriteLine(Usage);
            return 2;
    }
}
catch (Exception e) when (e is FormatException or IOException or ArgumentException)
{
    Console.Error.WriteLine(e.Message);
    return 1;
}

static IReadOnlyList<EvaluationQuestion> Split(IReadOnlyList<EvaluationQuestion> questions, string split) => split switch
{
    "heldout" => [.. questions.Where(q => q.HeldOut)],
    "tune" => [.. questions.Where(q => !q.HeldOut)],
    "all" => questions,
    _ => throw new ArgumentException($"--split must be heldout, tune or all, not '{split}'."),
};

static float Number(Dictionary<string, string> options, string key, float fallback) =>
    options.TryGetValue(key, out var text)
        ? float.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value is >= 0 and <= 1
            ? value
            : throw new ArgumentException($"--{key} must be a number between 0 and 1, not '{text}'.")
        : fallback;

static void Print(EvaluationReport report)
{
    Console.WriteLine($"covered questions: {report.Covered}, uncovered: {report.Uncovered}");
    Console.WriteLine($"recall@1 {report.RecallAt1:0.000}  recall@3 {report.RecallAt3:0.000}  MRR {report.Mrr:0.000}");
    Console.WriteLine($"uncovered left unanswered {report.UncoveredUnanswered:0.000}");
    Console.WriteLine($"covered answered outright {report.AnsweredShare:0.000} (right article {report.AnswerPrecision:0.000} of those)");
    Console.WriteLine(report.MeetsTargets ? "targets: met" : "targets: NOT met (recall@3 >= 0.90, MRR >= 0.80, uncovered >= 0.90)");
}

static string RepositoryRoot()
{
    for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
    {
        if (File.Exists(Path.Combine(directory.FullName, "SupportAssistant.sln")))
        {
            return directory.FullName;
        }
    }
    return Directory.GetCurrentDirectory();
}
