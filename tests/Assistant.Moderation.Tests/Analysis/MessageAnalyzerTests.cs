using Assistant.Moderation.Rules;
using Assistant.Moderation.Thresholds;

namespace Assistant.Moderation.Tests.Analysis;

public sealed class MessageAnalyzerTests
{
    [Theory]
    [InlineData("Plus personne ne peut se connecter à V-room depuis ce matin, tout le monde est bloqué", TriageRules.Outage)]
    [InlineData("La plateforme Ibox est en panne pour l'ensemble de nos collaborateurs", TriageRules.Outage)]
    [InlineData("Mon compte a été piraté, quelqu'un a changé mon mot de passe", TriageRules.Security)]
    [InlineData("Nous pensons avoir une fuite de données clients depuis l'espace client", TriageRules.Security)]
    [InlineData("Notre production est à l'arrêt à cause de votre service", TriageRules.ProductionStopped)]
    public void Outage_security_and_stopped_production_are_urgent_and_say_which_rule_decided(string text, string rule)
    {
        using var factory = new AnalyzerFactory();

        var triage = factory.Analyzer.Analyze(text).Triage;

        Assert.Equal("urgent", triage.Priority);
        Assert.Equal(rule, triage.PriorityDecidedBy);
    }

    [Fact]
    public void An_ordinary_request_is_decided_by_the_model()
    {
        using var factory = new AnalyzerFactory();

        var analysis = factory.Analyzer.Analyze("Bonjour, ma facture de mars comporte une erreur de montant");

        Assert.Equal("model", analysis.Triage.PriorityDecidedBy);
        Assert.Equal("model", analysis.Moderation.DecidedBy);
        Assert.Equal(Labels.Ok, analysis.Moderation.Label);
        Assert.Equal(ModerationActions.Allow, analysis.Moderation.Action);
        Assert.NotEqual("urgent", analysis.Triage.Priority);
        Assert.Equal("billing", analysis.Triage.Category);
        Assert.Equal(SharedModels.Provider.CurrentVersion, analysis.ModelVersion);
    }

    [Theory]
    [InlineData("Je vais venir vous casser la gueule à votre agence")]
    [InlineData("je sais où vous habitez, faites attention")]
    [InlineData("I'm going to kill you if this isn't fixed")]
    public void Explicit_threats_are_abusive_by_rule(string text)
    {
        using var factory = new AnalyzerFactory();

        var verdict = factory.Analyzer.Analyze(text).Moderation;

        Assert.Equal(Labels.Abusive, verdict.Label);
        Assert.Equal(ModerationRules.Threat, verdict.DecidedBy);
        Assert.Equal(ModerationActions.Refuse, verdict.Action);
    }

    [Fact]
    public void Insults_are_abusive_and_unrelated_questions_off_topic()
    {
        using var factory = new AnalyzerFactory();

        var insult = factory.Analyzer.Analyze("Vous êtes une bande d'incapables et d'escrocs, bande de connards");
        var offtopic = factory.Analyzer.Analyze("Quelle est la meilleure recette de tarte aux pommes ?");

        Assert.Equal(Labels.Abusive, insult.Moderation.Label);
        Assert.True(insult.Moderation.Scores.Abusive >= ModerationThresholds.Defaults.Abusive.Threshold);
        Assert.Equal(Labels.Offtopic, offtopic.Moderation.Label);
        Assert.Equal(ModerationActions.Warn, offtopic.Moderation.Action);
    }

    [Fact]
    public void Scores_are_probabilities()
    {
        using var factory = new AnalyzerFactory();

        var scores = factory.Analyzer.Analyze("Le partage d'écran ne marche pas dans V-room").Moderation.Scores;

        Assert.InRange(scores.Abusive, 0f, 1f);
        Assert.InRange(scores.Offtopic, 0f, 1f);
        Assert.InRange(scores.Abusive + scores.Offtopic, 0f, 1.0001f);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Empty_text_is_refused_with_a_clear_error(string text)
    {
        using var factory = new AnalyzerFactory();

        var error = Assert.Throws<ArgumentException>(() => factory.Analyzer.Analyze(text));
        Assert.Contains("no text", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Many_threads_get_the_same_answers_as_one()
    {
        using var factory = new AnalyzerFactory();
        string[] messages =
        [
            "Impossible de me connecter à mon espace client",
            "Vous êtes des voleurs, je vais tout raconter partout",
            "Quel temps fera-t-il demain à Lyon ?",
            "Ma box Ibox ne synchronise plus mes fichiers",
            "Je veux annuler ma commande de licences V-room",
        ];
        var expected = messages.Select(factory.Analyzer.Analyze).ToArray();
        var results = new (int Index, Assistant.Moderation.Analysis.MessageAnalysis Analysis)[2000];

        Parallel.For(0, results.Length, new ParallelOptions { MaxDegreeOfParallelism = 16 }, i =>
            results[i] = (i % messages.Length, factory.Analyzer.Analyze(messages[i % messages.Length])));

        Assert.All(results, r => Assert.Equal(expected[r.Index], r.Analysis));
    }
}
