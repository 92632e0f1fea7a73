using System.Buffers.Binary;
using System.IO.Hashing;
using System.Runtime.InteropServices;

namespace Assistant.Bot.Channel.Storage.Journal;

/// <summary>
/// The journal's files, <c>&lt;DataDirectory&gt;/journal/conversations-&lt;first sequence&gt;.log</c>: each is a run of
/// frames, <c>length (4 bytes) · CRC-32 of the payload (4) · payload</c>, appended and never rewritten. A frame cut off
/// by a crash (short, or its checksum wrong) ends the file's readable part: it was never acknowledged.
/// </summary>
public static class JournalSegments
{
    public const string Folder = "journal";

    private const string Prefix = "conversations-";
    private const string Extension = ".log";
    private const int HeaderBytes = 8;

    /// <summary>Larger than any one entry the store writes (a turn's activities are capped far below this).</summary>
    public const int MaxFrameBytes = 64 * 1024 * 1024;

    /// <summary>The segment files of <paramref name="folder"/>, oldest first.</summary>
    public static IReadOnlyList<string> List(string folder) =>
        Directory.Exists(folder)
            ? [.. Directory.EnumerateFiles(folder, Prefix + "*" + Extension).Order(StringComparer.Ordinal)]
            : [];

    public static string PathOf(string folder, long firstSequence) => Path.Combine(folder, $"{Prefix}{firstSequence:D16}{Extension}");

    /// <summary>A new, empty segment whose name is on disk before the first frame is acknowledged.</summary>
    public static FileStream Create(string folder, long firstSequence)
    {
        Directory.CreateDirectory(folder);
        var file = new FileStream(PathOf(folder, firstSequence), FileMode.CreateNew, FileAccess.Write, FileShare.Read, bufferSize: 0);
        SyncDirectory(folder);
        return file;
    }

    /// <summary>Appends one frame holding <paramref name="payload"/> to <paramref name="buffer"/>.</summary>
    public static void Frame(List<byte> buffer, ReadOnlySpan<byte> payload)
    {
        Span<byte> header = stackalloc byte[HeaderBytes];
        BinaryPrimitives.WriteInt32LittleEndian(header, payload.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(header[4..], Crc32.HashToUInt32(payload));
        buffer.AddRange(header);
        buffer.AddRange(payload);
    }

    /// <summary>The payloads of a segment's whole frames, in order; <paramref name="torn"/> says whether a cut-off frame ended it.</summary>
    public static IReadOnlyList<byte[]> Read(string path, out bool torn)
    {
        var bytes = File.ReadAllBytes(path);
        var payloads = new List<byte[]>();
        var offset = 0;
        torn = false;
        while (offset < bytes.Length)
        {
            if (bytes.Length - offset < HeaderBytes)
            {
                torn = true;
                break;
            }

            var length = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(offset));
            var checksum = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(offset + 4));
            if (length < 0 || length > MaxFrameBytes || length > bytes.Length - offset - HeaderBytes)
            {
                torn = true;
                break;
            }

            var payload = bytes.AsSpan(offset + HeaderBytes, length);
            if (Crc32.HashToUInt32(payload) != checksum)
            {
                torn = true;
                break;
            }

            payloads.Add(payload.ToArray());
            offset += HeaderBytes + length;
        }

        return payloads;
    }

    /// <summary>
    /// Makes a file's creation or removal in <paramref name="folder"/> durable (an fsync of the folder itself, which .NET
    /// has no call for). Windows keeps names with the file's own flush, so there it does nothing.
    /// </summary>
    public static void SyncDirectory(string folder)
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS())
        {
            return;
        }

        var descriptor = Open(folder, 0);
        if (descriptor < 0)
        {
            throw new IOException($"Cannot open the folder {folder} to make its entries durable (errno {Marshal.GetLastPInvokeError()}).");
        }

        try
        {
            if (Fsync(descriptor) != 0)
            {
                throw new IOException($"Cannot make the entries of {folder} durable (errno {Marshal.GetLastPInvokeError()}).");
            }
        }
        finally
        {
            _ = Close(descriptor);
        }
    }

    // Plain DllImport: the generated LibraryImport stubs need unsafe code, and three calls with an int or a path do not.
    [DllImport("libc", EntryPoint = "open", SetLastError = true, CharSet = CharSet.Ansi, BestFitMapping = false, ThrowOnUnmappableChar = true)]
    private static extern int Open(string path, int flags);

    [DllImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static extern int Fsync(int descriptor);

    [DllImport("libc", EntryPoint = "close", SetLastError = true)]
    private static extern int Close(int descriptor);
}
