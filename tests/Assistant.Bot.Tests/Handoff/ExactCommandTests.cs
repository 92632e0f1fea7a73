using Assistant.Bot.Intake;

namespace Assistant.Bot.Tests.Handoff;

/// <summary>Which messages skip moderation because they are only one of the dialog's own phrases.</summary>
public sealed class ExactCommandTests
{
    [Theory]
    [InlineData("je veux parler à un conseiller")]
    [InlineData("Je voudrais parler à une conseillère, merci")]
    [InlineData("Bonjour, je veux parler à quelqu'un")]
    [InlineData("I want to talk to a human")]
    [InlineData("Accepter et valider")]
    [InlineData("aide")]
    [InlineData("annuler")]
    public void A_bare_command_phrase_is_exact(string text) => Assert.True(Commands.IsExactCommand(text));

    [Theory]
    [InlineData("je veux parler à un conseiller, bande d'incapables")]
    [InlineData("passez-moi un conseiller ou je porte plainte contre vous tous")]
    [InlineData("accepter et valider, connard")]
    [InlineData("Mon Ibox ne synchronise plus depuis hier")]
    public void Anything_more_is_moderated(string text) => Assert.False(Commands.IsExactCommand(text));
}
