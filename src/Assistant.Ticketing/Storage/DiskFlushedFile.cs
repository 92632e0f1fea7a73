namespace Assistant.Ticketing.Storage;

/// <summary>
/// A file under LiteDB whose flushes go to the disk. LiteDB hands its files to us wrapped in a stream of its own, and a
/// flush through that wrapper is a plain <see cref="Stream.Flush()"/>: on a bare <see cref="FileStream"/> it would not
/// reach the disk, and a checkpoint would truncate the log before the data file's pages were safe. For the log, the
/// flushes can also be put off. LiteDB flushes the log after every page its writer drains
/// (a commit of six pages cost six fsyncs), and its commit returns once the pages are written and flushed. While a group
/// commit applies its transaction (<see cref="Deferring"/>), those flushes only leave the pages in the system's cache
/// (a killed process loses nothing), and the group commit then makes the one flush to disk (<see cref="FlushToDisk"/>)
/// before any write of the batch is reported durable. Everywhere else a flush is a flush to disk, as LiteDB expects; a
/// write of its own that another thread commits on the same file during a group transaction (not on the hot path)
/// reaches the disk with that transaction's flush, a few milliseconds after its commit returned.
/// </summary>
public sealed class DiskFlushedFile(FileStream file) : Stream
{
    private volatile bool _deferring;
    private long _flushesToDisk;

    /// <summary>How many times the file was flushed to disk since it was opened.</summary>
    public long FlushesToDisk => Interlocked.Read(ref _flushesToDisk);

    /// <summary>Puts off the flushes to disk until the scope ends; the caller then calls <see cref="FlushToDisk"/>.</summary>
    public Scope Deferring()
    {
        _deferring = true;
        return new Scope(this);
    }

    /// <summary>Makes what was written to the file durable.</summary>
    public void FlushToDisk()
    {
        file.Flush(flushToDisk: true);
        Interlocked.Increment(ref _flushesToDisk);
    }

    public override void Flush()
    {
        if (!_deferring)
        {
            FlushToDisk();
        }
    }

    public override bool CanRead => file.CanRead;

    public override bool CanSeek => file.CanSeek;

    public override bool CanWrite => file.CanWrite;

    public override long Length => file.Length;

    public override long Position
    {
        get => file.Position;
        set => file.Position = value;
    }

    public override int Read(byte[] buffer, int offset, int count) => file.Read(buffer, offset, count);

    public override int Read(Span<byte> buffer) => file.Read(buffer);

    public override long Seek(long offset, SeekOrigin origin) => file.Seek(offset, origin);

    public override void SetLength(long value) => file.SetLength(value);

    public override void Write(byte[] buffer, int offset, int count) => file.Write(buffer, offset, count);

    public override void Write(ReadOnlySpan<byte> buffer) => file.Write(buffer);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            file.Dispose();
        }

        base.Dispose(disposing);
    }

    public readonly struct Scope(DiskFlushedFile log) : IDisposable
    {
        public void Dispose() => log._deferring = false;
    }
}
