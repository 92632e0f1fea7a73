using Assistant.Knowledge.Articles;
using Assistant.Knowledge.Evaluation;
using Assistant.Knowledge.Retrieval;
using BenchmarkDotNet.Attributes;

namespace Assistant.Bench;

/// <summary>
/// One self-service search (analysis of the question, BM25 over title/tags/body, typo correction, confidence, decision)
/// in one operator's French index of <see cref="Articles"/> articles: the shipped ones, then made-up ones built from the
/// shipped vocabulary (titles, tags and bodies of random shipped words, so terms are shared as in a real help centre).
/// The questions are the evaluation set's covered and uncovered French ICOSNET questions, one per call in turn.
/// </summary>
[MemoryDiagnoser]
public class RetrievalBenchmarks
{
    private KnowledgeBase _knowledge = null!;
    private string[] _questions = [];
    private int _next;

    [Params(38, 1000)]
    public int Articles { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var root = Root();
        var shipped = ArticleDirectory.Load(Path.Combine(root, "kb")).Where(a => a.OperatorId == "icosnet" && a.Language == "fr").ToList();
        var words = shipped.SelectMany(a => (a.Title + " " + a.Body).Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToArray();
        var random = new Random(14);
        string Words(int count) => string.Join(' ', Enumerable.Range(0, count).Select(_ => words[random.Next(words.Length)]));
        var articles = new List<Article>(shipped);
        for (var i = articles.Count; i < Articles; i++)
        {
            articles.Add(shipped[i % shipped.Count] with
            {
                Slug = $"synthetic-{i}",
                Title = Words(8),
                Tags = [.. Enumerable.Range(0, 6).Select(_ => Words(2))],
                Body = Words(150),
            });
        }
        _knowledge = new KnowledgeBase(articles);
        _questions = [.. EvaluationSet.Load(Path.Combine(root, "src", "Assistant.Knowledge", "Evaluation", "Data"))
            .Where(q => q.OperatorId == "icosnet" && q.Language == "fr").Select(q => q.Text)];
    }

    [Benchmark]
    public Retrieval Search() => _knowledge.Search("icosnet", "fr", _questions[_next++ % _questions.Length]);

    private static string Root()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "SupportAssistant.sln")))
            {
                return directory.FullName;
            }
        }
        throw new DirectoryNotFoundException("SupportAssistant.sln not found above the benchmark.");
    }
}
