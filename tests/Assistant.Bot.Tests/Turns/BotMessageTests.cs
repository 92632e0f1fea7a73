using Assistant.Bot.Turns;

namespace Assistant.Bot.Tests.Turns;

/// <summary>Replies written as plain text go out as Markdown that says exactly that text, laid out as paragraphs.</summary>
public sealed class BotMessageTests
{
    [Fact]
    public void Blank_lines_make_paragraphs_and_single_line_breaks_stay_line_breaks() =>
        Assert.Equal("Première ligne  \nsuite\n\nDeuxième paragraphe", BotMessage.ToMarkdown("Première ligne\nsuite\n\n\nDeuxième paragraphe"));

    [Fact]
    public void Bullet_lines_become_a_list() =>
        Assert.Equal("Voici :\n\n- un\n- deux", BotMessage.ToMarkdown("Voici :\n\n• un\n- deux"));

    [Fact]
    public void A_web_address_becomes_a_link_without_its_trailing_punctuation() =>
        Assert.Equal("Conditions : <https://tickets.digisense.fr/cgu>.", BotMessage.ToMarkdown("Conditions : https://tickets.digisense.fr/cgu."));

    [Theory]
    [InlineData("Mon *fichier*_final_ [lien](javascript:alert(1))", @"Mon \*fichier\*\_final\_ \[lien\](javascript:alert(1))")]
    [InlineData("# pas un titre", @"\# pas un titre")]
    [InlineData("1. pas une liste", @"1\. pas une liste")]
    [InlineData("<script>alert(1)</script>", @"\<script>alert(1)\</script>")]
    public void What_the_user_typed_is_shown_as_typed_never_interpreted(string text, string markdown) =>
        Assert.Equal(markdown, BotMessage.ToMarkdown(text));

    [Fact]
    public void Guillemets_never_break_from_the_words_they_quote() =>
        Assert.Equal("écrivez «\u00A0aide\u00A0»", BotMessage.ToMarkdown("écrivez « aide »"));
}
