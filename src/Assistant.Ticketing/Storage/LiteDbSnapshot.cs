using LiteDB;

namespace Assistant.Ticketing.Storage;

/// <summary>
/// A consistent copy of an open LiteDB file while the service keeps running: one transaction takes the write lock of
/// every collection (so no writer can commit in any of them until the copy is done; readers go on), then copies every
/// document, the indexes and the user version into a new file. Commits acknowledged before the locks are all in it,
/// none half; writers wait a moment, none fails.
/// </summary>
public static class LiteDbSnapshot
{
    // An id no document has: deleting it takes the collection's write lock and changes nothing.
    private static readonly BsonValue NoDocument = new(ObjectId.Empty);

    /// <summary>Writes the copy to <paramref name="destinationFile"/>, which must not exist. Blocks: LiteDB transactions belong to their thread.</summary>
    public static void Write(LiteDatabase source, string destinationFile)
    {
        if (File.Exists(destinationFile))
        {
            throw new IOException($"'{destinationFile}' exists already.");
        }

        source.BeginTrans();
        try
        {
            var collections = source.GetCollectionNames().Order(StringComparer.Ordinal).ToList();
            foreach (var name in collections)
            {
                source.GetCollection(name).Delete(NoDocument);
            }

            using var destination = new LiteDatabase(new ConnectionString { Filename = destinationFile, Connection = ConnectionType.Direct });
            foreach (var name in collections)
            {
                var copy = destination.GetCollection(name);
                foreach (var chunk in source.GetCollection(name).FindAll().Chunk(1000))
                {
                    copy.InsertBulk(chunk);
                }
            }

            foreach (var index in source.GetCollection("$indexes").FindAll())
            {
                var name = index["name"].AsString;
                if (name != "_id" && collections.Contains(index["collection"].AsString))
                {
                    destination.GetCollection(index["collection"].AsString).EnsureIndex(name, BsonExpression.Create(index["expression"].AsString), index["unique"].AsBoolean);
                }
            }

            destination.UserVersion = source.UserVersion;
            destination.Checkpoint();
        }
        finally
        {
            source.Rollback();
        }
    }
}
