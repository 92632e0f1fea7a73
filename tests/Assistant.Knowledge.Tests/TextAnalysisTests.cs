using Assistant.Knowledge.Retrieval;

namespace Assistant.Knowledge.Tests;

public class TextAnalysisTests
{
    [Theory]
    [InlineData("Réunion V-room")]
    [InlineData("reunion v room")]
    [InlineData("RÉUNIONS VROOM")]
    public void French_text_with_or_without_accents_and_product_spellings_gives_the_same_terms(string text) =>
        Assert.Equal(["reunion", "vroom"], TextAnalysis.Terms(text, "fr"));

    [Fact]
    public void French_elision_and_stop_words_are_removed()
    {
        var terms = TextAnalysis.Terms("Bonjour, je n'arrive pas à accéder à l'espace client d'ICOSNET", "fr");
        Assert.Contains(terms, t => t.StartsWith("espac", StringComparison.Ordinal));
        Assert.Equal(TextAnalysis.Terms("acceder", "fr")[0], terms[0]);
        Assert.DoesNotContain("bonjour", terms);
        Assert.DoesNotContain(terms, t => t.Contains('\'', StringComparison.Ordinal));
    }

    [Fact]
    public void English_plurals_and_verb_forms_share_a_stem_and_product_names_stay_whole()
    {
        Assert.Equal(TextAnalysis.Terms("syncing invoices", "en"), TextAnalysis.Terms("synced invoice", "en"));
        Assert.Equal(["ibox"], TextAnalysis.Terms("I-Box", "en"));
    }

    [Theory]
    [InlineData("factur", "factru", true)]
    [InlineData("password", "pasword", true)]
    [InlineData("connect", "conect", true)]
    [InlineData("maintenanc", "maintenenc", true)]
    [InlineData("xabc", "abcy", false)]
    [InlineData("ibox", "vroom", false)]
    public void A_typo_is_one_edit_away(string known, string typed, bool expected) =>
        Assert.Equal(expected, ArticleIndex.WithinOneEdit(known, typed));
}
