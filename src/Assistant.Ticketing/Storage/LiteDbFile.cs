using LiteDB;

namespace Assistant.Ticketing.Storage;

/// <summary>
/// A LiteDB file opened on streams of our own, so that its group commit decides when the log reaches the disk: LiteDB
/// flushes the log to disk after every page it writes (a commit of six pages cost six fsyncs), where one per transaction
/// is what durability needs. See <see cref="DiskFlushedFile"/> and <see cref="CommitQueue"/>. The files and their format
/// are LiteDB's own (<c>name.db</c> and <c>name-log.db</c>), so a file opened either way opens the other way.
/// </summary>
public sealed class LiteDbFile : IDisposable
{
    public LiteDbFile(string path, BsonMapper? mapper = null)
    {
        Path = System.IO.Path.GetFullPath(path);
        var logPath = System.IO.Path.Combine(
            System.IO.Path.GetDirectoryName(Path)!,
            System.IO.Path.GetFileNameWithoutExtension(Path) + "-log" + System.IO.Path.GetExtension(Path));
        // Unbuffered: every page LiteDB writes is in the system's cache when the write returns, so a killed process loses
        // nothing that was committed; the data file's flush (at a checkpoint, before the log is emptied) goes to disk.
        Data = new DiskFlushedFile(Open(Path));
        Log = new DiskFlushedFile(Open(logPath));
        try
        {
            Database = new LiteDatabase(Data, mapper, Log);
        }
        catch
        {
            Log.Dispose();
            Data.Dispose();
            throw;
        }
    }

    public string Path { get; }

    public LiteDatabase Database { get; }

    public DiskFlushedFile Log { get; }

    /// <summary>The data file, flushed to disk at each checkpoint.</summary>
    public DiskFlushedFile Data { get; }

    public void Dispose()
    {
        Database.Dispose();
        Log.Dispose();
        Data.Dispose();
    }

    // Shared like LiteDB's own direct mode: a process that wants the file for itself (restore) finds it in use.
    private static FileStream Open(string path) =>
        new(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.ReadWrite, bufferSize: 0);
}
