using LiteDB;

namespace Assistant.Moderation.Storage;

/// <summary>The one long-lived LiteDB file of moderation (<c>moderation.db</c>): settings, sanction decisions.</summary>
public sealed class ModerationDatabase : IDisposable
{
    /// <summary>Document shape version, for migrations.</summary>
    public const int SchemaVersion = 1;

    public ModerationDatabase(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        Database = new LiteDatabase(new ConnectionString { Filename = path, Connection = ConnectionType.Direct });
        if (Database.UserVersion == 0)
        {
            Database.UserVersion = SchemaVersion;
        }

        Decisions = Database.GetCollection<SanctionDecisionDocument>("decisions");
        Decisions.EnsureIndex(d => d.UserKey);
        Decisions.EnsureIndex(d => d.Level);
        Settings = Database.GetCollection<ThresholdDocument>("settings");
        SettingsHistory = Database.GetCollection<ThresholdDocument>("settings_history");
        // Created now, not by their first insert: LiteDB 5 can fail a concurrent read while a collection is being created.
        Settings.EnsureIndex(d => d.Key);
        SettingsHistory.EnsureIndex(d => d.UpdatedAt);
    }

    public LiteDatabase Database { get; }

    public ILiteCollection<SanctionDecisionDocument> Decisions { get; }

    public ILiteCollection<ThresholdDocument> Settings { get; }

    public ILiteCollection<ThresholdDocument> SettingsHistory { get; }

    public void Dispose() => Database.Dispose();
}

/// <summary>One sanction decision: a violation and the level it led to, or a lift.</summary>
public sealed class SanctionDecisionDocument
{
    public ObjectId Id { get; set; } = ObjectId.NewObjectId();

    /// <summary><c>operatorId/userId</c>, indexed.</summary>
    public string UserKey { get; set; } = "";

    public string OperatorId { get; set; } = "";

    public string UserId { get; set; } = "";

    /// <summary><c>violation</c> or <c>lift</c>.</summary>
    public string Kind { get; set; } = "";

    public string? ConversationId { get; set; }

    /// <summary>The message that counted this strike, so a relabel can withdraw it.</summary>
    public string? ActivityId { get; set; }

    public string? Text { get; set; }

    public string? Label { get; set; }

    public float AbusiveScore { get; set; }

    public float OfftopicScore { get; set; }

    public string Clause { get; set; } = "";

    public string DecidedBy { get; set; } = "";

    public string Reason { get; set; } = "";

    /// <summary>The level this decision led to: warning, suspended, banned, or none for a lift.</summary>
    public string Level { get; set; } = "";

    public int Strikes { get; set; }

    public DateTime At { get; set; }

    public DateTime? Until { get; set; }

    public DateTime? LiftedAt { get; set; }

    public string? LiftedBy { get; set; }

    /// <summary>Set when the team decided the message was legitimate: the strike no longer counts.</summary>
    public DateTime? WithdrawnAt { get; set; }

    public string? WithdrawnBy { get; set; }

    /// <summary>The suspension or ban this violation led to was voided because an earlier strike behind it was withdrawn: it counts as a plain strike.</summary>
    public bool SanctionVoided { get; set; }
}

public sealed class ThresholdDocument
{
    public ObjectId Id { get; set; } = ObjectId.NewObjectId();

    public string Key { get; set; } = "thresholds";

    public float AbusiveThreshold { get; set; }

    public string AbusiveAction { get; set; } = "";

    public float OfftopicThreshold { get; set; }

    public string OfftopicAction { get; set; } = "";

    /// <summary>Null in documents saved before strikes had their own threshold: the default applies.</summary>
    public float? StrikeThreshold { get; set; }

    public string UpdatedBy { get; set; } = "";

    public DateTime UpdatedAt { get; set; }
}
