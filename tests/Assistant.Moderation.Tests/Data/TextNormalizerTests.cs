using Assistant.Moderation.Data;

namespace Assistant.Moderation.Tests.Data;

public sealed class TextNormalizerTests
{
    [Theory]
    [InlineData("v0us êt3s d3s 3scr0cs", "vous êtes des escrocs")]
    [InlineData("c o n n a r d", "connard")]
    [InlineData("e.s.c.r.o.c", "escroc")]
    [InlineData("t'es nuuuuul", "t'es nuul")]
    [InlineData("b!tch", "bitch")]
    public void Filter_dodging_spellings_are_undone(string text, string expected) =>
        Assert.Equal(expected, TextNormalizer.Deobfuscate(text));

    [Theory]
    [InlineData("Facture FA-2026-0412 de 1 350 € du 03/04/2026")]
    [InlineData("client CL-123456, appelez le 06 00 00 00 12")]
    [InlineData("la 4G et le Wi-Fi 5 marchent, V2 installée")]
    [InlineData("il y a un souci à la page 3")]
    public void Numbers_references_and_ordinary_words_are_left_alone(string text) =>
        Assert.Equal(text, TextNormalizer.Deobfuscate(text));

    [Fact]
    public void The_held_out_split_ignores_de_obfuscation_so_no_row_moves() =>
        Assert.Equal("v0us etes d3s 3scr0cs", TextNormalizer.ForSplit("v0us êtes d3s 3scr0cs"));
}
