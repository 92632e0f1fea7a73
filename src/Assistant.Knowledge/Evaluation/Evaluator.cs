using Assistant.Knowledge.Retrieval;

namespace Assistant.Knowledge.Evaluation;

/// <summary>
/// The figures of the README, counted on what the user would see. A covered question scores only when the assistant
/// shows something (the answer, or the offered list): its rank among what is shown gives recall@1, recall@3 and the
/// reciprocal rank; a covered question left unanswered counts as a miss. An uncovered question is right only when
/// nothing at all is shown.
/// </summary>
public static class Evaluator
{
    public static EvaluationReport Run(KnowledgeBase knowledge, IEnumerable<EvaluationQuestion> questions, RetrievalThresholds thresholds)
    {
        var ranked = questions.Select(q => (q, knowledge.Search(q.OperatorId, q.Language, q.Text).Ranked)).ToList();
        return Score(ranked, thresholds);
    }

    /// <summary>Scores rankings already computed (tuning tries every pair of thresholds on one ranking).</summary>
    public static EvaluationReport Score(IReadOnlyList<(EvaluationQuestion Question, IReadOnlyList<ArticleMatch> Ranked)> ranked, RetrievalThresholds thresholds)
    {
        int covered = 0, uncovered = 0, top1 = 0, top3 = 0, answered = 0, answeredRight = 0, uncoveredSilent = 0;
        var reciprocal = 0.0;
        var misses = new List<EvaluationMiss>();
        foreach (var (question, list) in ranked)
        {
            var decision = KnowledgeBase.Decide(list, thresholds);
            var shown = decision.Matches.Select(m => m.Article.Id).ToList();
            if (!question.Covered)
            {
                uncovered++;
                if (decision.Decision == RetrievalDecision.Nothing)
                {
                    uncoveredSilent++;
                }
                else
                {
                    misses.Add(new EvaluationMiss(question, shown, decision.Confidence));
                }
                continue;
            }
            covered++;
            var rank = shown.FindIndex(question.Articles.Contains) + 1;
            if (decision.Decision == RetrievalDecision.Answer)
            {
                answered++;
                answeredRight += rank == 1 ? 1 : 0;
            }
            if (rank == 1)
            {
                top1++;
            }
            if (rank is >= 1 and <= 3)
            {
                top3++;
                reciprocal += 1.0 / rank;
            }
            else
            {
                misses.Add(new EvaluationMiss(question, shown, decision.Confidence));
            }
        }
        return new EvaluationReport(covered, uncovered,
            Ratio(top1, covered), Ratio(top3, covered), covered == 0 ? 0 : reciprocal / covered,
            Ratio(uncoveredSilent, uncovered), Ratio(answered, covered), Ratio(answeredRight, answered), misses);
    }

    private static double Ratio(int part, int whole) => whole == 0 ? 0 : (double)part / whole;
}

/// <param name="AnsweredShare">Covered questions given one article as the answer (not an offer).</param>
/// <param name="AnswerPrecision">Of those answers, the share that was a right article.</param>
public sealed record EvaluationReport(
    int Covered, int Uncovered, double RecallAt1, double RecallAt3, double Mrr, double UncoveredUnanswered,
    double AnsweredShare, double AnswerPrecision, IReadOnlyList<EvaluationMiss> Misses)
{
    public bool MeetsTargets => RecallAt3 >= 0.90 && Mrr >= 0.80 && UncoveredUnanswered >= 0.90;
}

/// <summary>A covered question whose article was not shown in the top three, or an uncovered one that got an answer.</summary>
public sealed record EvaluationMiss(EvaluationQuestion Question, IReadOnlyList<string> Shown, float Confidence);
