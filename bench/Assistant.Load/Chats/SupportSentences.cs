namespace Assistant.Load.Chats;

/// <summary>What the simulated customers say: ordinary French support requests for both operators, and who they are.</summary>
public static class SupportSentences
{
    public static readonly string[] Problems =
    [
        "Depuis ce matin la visio V-room coupe le son de tous les participants pendant nos réunions.",
        "Je n'arrive plus à me connecter à mon espace client, le mot de passe est refusé.",
        "La facture de mars affiche deux fois le même abonnement, le montant est doublé.",
        "Mon espace de stockage Ibox ne synchronise plus les fichiers depuis hier soir.",
        "Le partage d'écran ne démarre pas dans V-room, l'écran reste noir pour les autres.",
        "J'ai passé une commande de licences la semaine dernière et elle n'apparaît pas dans mon espace client.",
        "Je voudrais modifier ma commande pour ajouter deux utilisateurs supplémentaires.",
        "Impossible de télécharger mes factures en PDF, le lien renvoie une erreur.",
        "Les fichiers partagés sur Ibox ne s'ouvrent plus pour mes collègues, ils ont un message d'accès refusé.",
        "La qualité vidéo sur V-room est très mauvaise depuis la mise à jour, l'image se fige.",
        "Je n'ai pas reçu le mail de réinitialisation du mot de passe de mon compte.",
        "Le paiement de ma facture par carte est refusé alors que la carte fonctionne ailleurs.",
        "Comment ajouter un administrateur à notre compte dans l'espace client ?",
        "Notre quota Ibox indique plein alors que nous avons supprimé beaucoup de fichiers.",
        "Les invitations aux réunions V-room n'arrivent pas chez nos clients externes.",
        "Je souhaite déposer une réclamation : le service a été coupé deux jours sans prévenir.",
        "Le tableau de bord de l'espace client n'affiche plus les consommations du mois.",
        "J'ai été prélevé deux fois pour la même commande, merci de vérifier.",
        "L'application Ibox sur mon téléphone demande de me reconnecter sans arrêt.",
        "Le micro n'est pas détecté dans V-room sur Chrome alors qu'il marche dans les autres applications.",
        "Je ne trouve pas où changer l'adresse de facturation de notre société.",
        "Un collègue a quitté l'entreprise, comment retirer son accès à l'espace client ?",
        "Les enregistrements des réunions V-room n'apparaissent plus dans la liste.",
        "La commande de matériel passée il y a dix jours n'a toujours pas été expédiée.",
        "Le lien de partage Ibox expire tout de suite alors que j'ai choisi sept jours.",
        "Je reçois une erreur 500 quand j'ouvre la page des commandes de l'espace client.",
    ];

    public static readonly string[] Names =
    [
        "Marie Dupont", "Paul Martin", "Sophie Bernard", "Karim Haddad", "Julie Petit", "Thomas Moreau",
        "Nadia Benali", "Lucas Robert", "Camille Richard", "Yacine Mansouri", "Claire Lefèvre", "Hugo Garnier",
    ];

    public static string Email(string name, int chat) =>
        $"{Ascii(name).Replace(' ', '.')}.{chat}@example.fr";

    public static string Phone(Random random) =>
        $"06 {random.Next(10, 100)} {random.Next(10, 100)} {random.Next(10, 100)} {random.Next(10, 100)}";

    private static string Ascii(string text) =>
        text.ToLowerInvariant().Replace('è', 'e').Replace('é', 'e').Replace('ï', 'i');
}
