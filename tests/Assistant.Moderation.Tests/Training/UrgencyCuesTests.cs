using Assistant.Moderation.Training;

namespace Assistant.Moderation.Tests.Training;

/// <summary>The marker words the priority model reads beside a message: what makes a ticket urgent, or not.</summary>
public sealed class UrgencyCuesTests
{
    [Theory]
    [InlineData("Plus personne ne peut se connecter au bureau", "cuepmassoutage")]
    [InlineData("everyone in the office can't log in", "cuepmassoutage")]
    [InlineData("plus rien ne marche", "cuepeverything")]
    [InlineData("le site est hs", "cuepeverything")]
    [InlineData("On ne peut plus facturer, l'activité est à l'arrêt", "cuepstopped")]
    [InlineData("Je suis bloqué et la paie doit partir ce soir", "cueptimeblocked")]
    [InlineData("Mon paiement est refusé", "cueppayment")]
    [InlineData("C'est lent par moments mais ça marche sur mon téléphone", "cuepworkaround")]
    [InlineData("Comment ajouter un utilisateur ?", "cuepquestion")]
    public void A_message_gets_the_marker_of_its_urgency(string text, string marker)
    {
        Assert.Contains(marker, Markers(text));
    }

    [Theory]
    [InlineData("Tous les jours je dois me reconnecter", "cuepmany")]
    [InlineData("Toute la journée d'hier j'ai attendu une réponse", "cuepmany")]
    [InlineData("Comment faire quand plus rien ne marche ?", "cuepquestion")]
    [InlineData("Ma visio coupe souvent, tout le bureau est gêné", "cuepdegraded")]
    public void Ordinary_wording_does_not_get_the_marker(string text, string marker)
    {
        Assert.DoesNotContain(marker, Markers(text));
    }

    [Fact]
    public void The_message_itself_comes_first_unchanged()
    {
        Assert.StartsWith("Bonjour, ma facture V-room", UrgencyCues.Append("Bonjour, ma facture V-room"), StringComparison.Ordinal);
        Assert.Equal("merci", UrgencyCues.Append("merci"));
    }

    private static string[] Markers(string text) =>
        UrgencyCues.Append(text).Split(' ').Where(word => word.StartsWith("cuep", StringComparison.Ordinal)).ToArray();
}
