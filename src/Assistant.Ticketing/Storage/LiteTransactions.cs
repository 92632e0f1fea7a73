using LiteDB;

namespace Assistant.Ticketing.Storage;

internal static class LiteTransactions
{
    /// <summary>Runs <paramref name="work"/> as one LiteDB transaction on the calling thread: committed, or rolled back and rethrown.</summary>
    internal static T InTransaction<T>(this LiteDatabase database, Func<T> work)
    {
        database.BeginTrans();
        try
        {
            var result = work();
            database.Commit();
            return result;
        }
        catch
        {
            database.Rollback();
            throw;
        }
    }
}
