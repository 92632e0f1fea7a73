using Assistant.Moderation.Analysis;
using Assistant.Moderation.Data;
using Assistant.Moderation.Rules;
using Assistant.Moderation.Thresholds;

namespace Assistant.Moderation.Tests.Thresholds;

/// <summary>A strike needs sure ground: a rule, or a model score from the strike threshold; under it a refusal only asks to rephrase.</summary>
public sealed class StrikePolicyTests
{
    private static readonly ModerationThresholds Policy = new(new LabelPolicy(0.4f, ModerationActions.Refuse), new LabelPolicy(0.5f, ModerationActions.Warn))
    {
        Strike = 0.9f,
    };

    [Theory]
    [InlineData(0.39f, Labels.Ok, ModerationActions.Allow, false)]
    [InlineData(0.40f, Labels.Abusive, ModerationActions.Rephrase, false)]
    [InlineData(0.89f, Labels.Abusive, ModerationActions.Rephrase, false)]
    [InlineData(0.90f, Labels.Abusive, ModerationActions.Refuse, true)]
    public void The_model_score_decides_label_action_and_strike(float abusive, string label, string action, bool strike)
    {
        var verdict = ModelSetAnalysis.Decide(new ModerationScores(abusive, 0f), rule: null, Policy);

        Assert.Equal(label, verdict.Label);
        Assert.Equal(action, verdict.Action);
        Assert.Equal(strike, verdict.Strike);
    }

    [Fact]
    public void A_rule_counts_a_strike_whatever_the_score()
    {
        var verdict = ModelSetAnalysis.Decide(new ModerationScores(0.01f, 0f), ModerationRules.Threat, Policy);

        Assert.Equal(Labels.Abusive, verdict.Label);
        Assert.Equal(ModerationActions.Refuse, verdict.Action);
        Assert.True(verdict.Strike);
    }

    [Fact]
    public void Under_the_strike_threshold_another_action_is_kept_but_counts_nothing()
    {
        var quarantine = Policy with { Abusive = new LabelPolicy(0.4f, ModerationActions.Quarantine) };

        var verdict = ModelSetAnalysis.Decide(new ModerationScores(0.5f, 0f), rule: null, quarantine);

        Assert.Equal(ModerationActions.Quarantine, verdict.Action);
        Assert.False(verdict.Strike);
    }

    [Theory]
    [InlineData("Putain mais passez-moi un conseiller humain, votre bot de merde ne comprend rien")]
    [InlineData("get me a real person now, this stupid bot is useless")]
    public void A_request_for_a_person_is_never_struck_on_the_model_score_alone(string text)
    {
        var matching = TextNormalizer.ForMatching(text);

        var verdict = ModelSetAnalysis.Moderate(matching, new ModerationScores(0.999f, 0f), Policy);

        Assert.Equal(Labels.Abusive, verdict.Label);
        Assert.Equal(ModerationActions.Rephrase, verdict.Action);
        Assert.False(verdict.Strike);
        Assert.False(ModelSetAnalysis.Replay(verdict.Scores, verdict.DecidedBy, Policy).Strike);
    }

    [Fact]
    public void A_request_for_a_person_with_a_threat_is_still_struck_by_the_rule()
    {
        var matching = TextNormalizer.ForMatching("Passez-moi un conseiller ou je viens à votre agence et je casse la gueule au premier qui me répond");

        var verdict = ModelSetAnalysis.Moderate(matching, new ModerationScores(0.2f, 0f), Policy);

        Assert.True(verdict.Strike);
    }

    [Theory]
    [InlineData("Un participant de la réunion V-room m'a traité de sale con devant tout le monde, vous pouvez le bloquer ?")]
    [InlineData("Our Ibox was hacked last night and the attacker left a message full of threats in every folder")]
    [InlineData("j'ai reçu un mail de phishing qui menace de publier mes photos si je paie pas, c'est vous ?")]
    public void A_victim_reporting_what_was_done_to_them_is_never_struck_on_the_model_score_alone(string text)
    {
        var matching = TextNormalizer.ForMatching(text);

        var verdict = ModelSetAnalysis.Moderate(matching, new ModerationScores(0.999f, 0f), Policy);

        Assert.Equal(ModelSetAnalysis.DecidedByModelReportingHarm, verdict.DecidedBy);
        Assert.Equal(ModerationActions.Rephrase, verdict.Action);
        Assert.False(verdict.Strike);
        Assert.False(ModelSetAnalysis.Replay(verdict.Scores, verdict.DecidedBy, Policy).Strike);
    }

    [Theory]
    [InlineData("ton technicien est un voleur, il m'a piraté mon compte, sale escroc")]
    [InlineData("you hacked my account, you thieving idiot")]
    public void Abuse_aimed_at_the_staff_inside_a_report_is_still_struck_on_a_sure_score(string text)
    {
        var matching = TextNormalizer.ForMatching(text);

        var verdict = ModelSetAnalysis.Moderate(matching, new ModerationScores(0.999f, 0f), Policy);

        Assert.True(verdict.Strike);
    }

    [Fact]
    public void A_strike_threshold_under_the_refusal_threshold_is_refused() =>
        Assert.Contains((Policy with { Strike = 0.3f }).Validate(), e => e.StartsWith("strike:", StringComparison.Ordinal));

    [Theory]
    [InlineData("intent:human")]
    [InlineData("short-answer")]
    [InlineData(ModerationRules.PlainAnswer)]
    public void Replaying_a_let_through_decision_keeps_it_whatever_the_scores(string decidedBy)
    {
        var verdict = ModelSetAnalysis.Replay(new ModerationScores(0.99f, 0.99f), decidedBy, Policy);

        Assert.Equal(Labels.Ok, verdict.Label);
        Assert.False(verdict.Strike);
    }
}
