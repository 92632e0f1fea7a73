using Assistant.Moderation.Training;

namespace Assistant.Moderation.Tests.Training;

/// <summary>The marker words the moderation model reads beside a message: who it aims at and what it says about them.</summary>
public sealed class TargetCuesTests
{
    [Theory]
    [InlineData("t'es vraiment un connard", "cuexinsultaimed")]
    [InlineData("le mec de la hotline c'est un vrai c*nnard", "cuexinsultaimed")]
    [InlineData("F.D.P. va", "cuexinsultalone")]
    [InlineData("tu es un ab🤬ruti fini le bot", "cuexinsultaimed")]
    [InlineData("Le technicien Loïc vole chez les clients", "cuexstaffcrime")]
    [InlineData("Tell your engineer I know where his kids go to school", "cuexstaffprivate")]
    [InlineData("Je voudrais entrer dans la boîte mail de ma collègue sans qu'elle le sache", "cuexotheraccess")]
    [InlineData("Il me faut une facture antidatée pour l'assurance", "cuexforged")]
    [InlineData("Je veux être rappelé par un homme blanc", "cuexidentitypref")]
    [InlineData("Ma commande Amazon est en retard", "cuexothersonly")]
    [InlineData("Plus personne ne peut se connecter, tout le bureau est bloqué", "cuexmassoutage")]
    public void A_message_gets_the_marker_of_what_it_aims_at(string text, string marker)
    {
        Assert.Contains(marker, Markers(text));
    }

    [Theory]
    [InlineData("Un participant m'a traité de connard pendant la réunion V-room", "cuexinsultaimed")]
    [InlineData("Votre technicien est passé ce matin, tout fonctionne", "cuexstaffcrime")]
    [InlineData("Ma facture V-room est fausse, le montant ne correspond pas", "cuexothersonly")]
    [InlineData("Je n'ai qu'un écran noir au démarrage, je veux pas de ça", "cuexidentitypref")]
    [InlineData("Comment tuer un processus qui ne répond plus ?", "cuexstaffharm")]
    public void Ordinary_wording_does_not_get_the_marker(string text, string marker)
    {
        Assert.DoesNotContain(marker, Markers(text));
    }

    [Fact]
    public void The_message_itself_comes_first_unchanged()
    {
        Assert.StartsWith("Bonjour, ma facture V-room", TargetCues.Append("Bonjour, ma facture V-room"), StringComparison.Ordinal);
        Assert.Equal("merci", TargetCues.Append("merci"));
    }

    private static string[] Markers(string text) =>
        TargetCues.Append(text).Split(' ').Where(word => word.StartsWith("cuex", StringComparison.Ordinal)).ToArray();
}
