using LiteDB;

namespace Assistant.Ticketing.Storage;

/// <summary>Collections created once at start, before any concurrent use.</summary>
public static class LiteDbCollections
{
    /// <summary>
    /// LiteDB 5 can fail a read with "page type must be collection page" when another transaction creates a collection
    /// at that moment (litedb-org/LiteDB#2792): every collection a file will hold is therefore created while the file is
    /// opened, by one thread, instead of by its first insert under load.
    /// </summary>
    public static void Ensure(LiteDatabase database, params string[] names)
    {
        ArgumentNullException.ThrowIfNull(database);
        foreach (var name in names.Where(n => !database.CollectionExists(n)))
        {
            var collection = database.GetCollection(name);
            collection.Insert(new BsonDocument { ["_id"] = "-created-" });
            collection.Delete("-created-");
        }
    }
}
