using Assistant.Moderation.Data;
using Assistant.Moderation.Rules;

namespace Assistant.Moderation.Tests.Rules;

public sealed class ConversationalIntentsTests
{
    [Theory]
    [InlineData("Je veux parler à un conseiller, pas à un robot", ConversationalIntents.Human)]
    [InlineData("un humain svp 🙏", ConversationalIntents.Human)]
    [InlineData("Passez-moi quelqu'un s'il vous plaît", ConversationalIntents.Human)]
    [InlineData("Can I talk to a real person please?", ConversationalIntents.Human)]
    [InlineData("agent please", ConversationalIntents.Human)]
    [InlineData("Hello, I need help", ConversationalIntents.Opener)]
    [InlineData("bonjour j'ai un souci", ConversationalIntents.Opener)]
    [InlineData("J'ai une question", ConversationalIntents.Opener)]
    [InlineData("ok merci bonne journée 👍", ConversationalIntents.Thanks)]
    [InlineData("Thanks a lot!", ConversationalIntents.Thanks)]
    [InlineData("Parfait, ça marche maintenant, merci beaucoup", ConversationalIntents.Thanks)]
    [InlineData("D'accord, je vais essayer ça et je reviens vers vous", ConversationalIntents.Acknowledgement)]
    [InlineData("ok j'attends", ConversationalIntents.Acknowledgement)]
    [InlineData("I'll give it a try and let you know", ConversationalIntents.Acknowledgement)]
    [InlineData("ouais", ConversationalIntents.YesNo)]
    [InlineData("non pas vraiment", ConversationalIntents.YesNo)]
    [InlineData("Bonjour", ConversationalIntents.Greeting)]
    public void Turns_made_only_of_conversational_phrases_are_recognised(string text, string intent) =>
        Assert.Equal(intent, ConversationalIntents.Match(TextNormalizer.ForMatching(text)));

    [Theory]
    [InlineData("merci connard")]
    [InlineData("passe-moi un humain espèce d'abruti")]
    [InlineData("ok je vais venir vous voir à votre agence ce soir")]
    [InlineData("Bonjour, ma facture de mars est fausse")]
    [InlineData("I need help hacking my neighbour's account")]
    [InlineData("t'es qu'un robot de merde")]
    [InlineData("bonjour bonjour bonjour bonjour bonjour")]
    [InlineData("thanks for nothing, you useless idiots")]
    public void Anything_more_than_conversational_phrases_goes_to_the_models(string text) =>
        Assert.Null(ConversationalIntents.Match(TextNormalizer.ForMatching(text)));

    [Fact]
    public void A_long_message_is_never_a_conversational_turn() =>
        Assert.Null(ConversationalIntents.Match(TextNormalizer.ForMatching(string.Join(' ', Enumerable.Repeat("merci", 60)))));
}
