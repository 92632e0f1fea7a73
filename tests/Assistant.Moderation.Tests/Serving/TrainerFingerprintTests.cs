using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;
using Assistant.Moderation.Training;

namespace Assistant.Moderation.Tests.Serving;

/// <summary>
/// The fingerprint keys the tests' model cache and the benchmark's: it must stay the same when the same code is
/// rebuilt (a new module id each time) and change when any compiled code changes, or a cache serves stale models.
/// Each test edits a copy of the moderation assembly the way a rebuild or a code change would.
/// </summary>
public sealed class TrainerFingerprintTests : IDisposable
{
    private static readonly string Original = typeof(TrainerFingerprint).Assembly.Location;

    private readonly string _root = SharedModels.TemporaryDirectory();

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void The_fingerprint_is_the_trainer_version_and_a_hash_of_the_moderation_assembly()
    {
        Assert.Matches($"^v{TrainerSettings.TrainerVersion}-[0-9a-f]{{16}}$", TrainerFingerprint.Value);
        Assert.Equal(TrainerFingerprint.Value, TrainerFingerprint.Of(Original));
        Assert.NotEqual(TrainerFingerprint.Of(Original), TrainerFingerprint.Of(typeof(TrainerFingerprintTests).Assembly.Location));
    }

    [Fact]
    public void A_rebuild_of_the_same_code_keeps_the_fingerprint()
    {
        // A rebuild writes new GUIDs (the module version id) into the metadata's GUID heap: rewrite all of it.
        var bytes = File.ReadAllBytes(Original);
        var (start, size) = GuidHeap();
        for (var i = start; i < start + size; i++)
        {
            bytes[i] ^= 0x5A;
        }

        var copy = Write(bytes);

        Assert.NotEqual(ModuleVersionId(Original), ModuleVersionId(copy));
        Assert.Equal(TrainerFingerprint.Of(Original), TrainerFingerprint.Of(copy));
    }

    [Fact]
    public void A_change_to_one_method_body_changes_the_fingerprint()
    {
        // One IL byte of the largest method, as a changed rule, feature or weight would change some method.
        var bytes = File.ReadAllBytes(Original);
        var il = LargestMethodBody();
        var at = bytes.AsSpan().IndexOf(il);
        Assert.True(at >= 0 && at == bytes.AsSpan().LastIndexOf(il), "the largest method body is found once in the file");
        bytes[at + (il.Length / 2)] ^= 0x01;

        var copy = Write(bytes);

        Assert.NotEqual(TrainerFingerprint.Of(Original), TrainerFingerprint.Of(copy));
    }

    private string Write(byte[] bytes)
    {
        var path = Path.Combine(_root, Path.GetFileName(Original));
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private static (int Start, int Size) GuidHeap()
    {
        using var pe = new PEReader(File.OpenRead(Original));
        var reader = pe.GetMetadataReader();
        return (pe.PEHeaders.MetadataStartOffset + reader.GetHeapMetadataOffset(HeapIndex.Guid), reader.GetHeapSize(HeapIndex.Guid));
    }

    private static Guid ModuleVersionId(string path)
    {
        using var pe = new PEReader(File.OpenRead(path));
        var reader = pe.GetMetadataReader();
        return reader.GetGuid(reader.GetModuleDefinition().Mvid);
    }

    private static byte[] LargestMethodBody()
    {
        using var pe = new PEReader(File.OpenRead(Original));
        var reader = pe.GetMetadataReader();
        return reader.MethodDefinitions
            .Select(h => reader.GetMethodDefinition(h).RelativeVirtualAddress)
            .Where(rva => rva != 0)
            .Select(rva => pe.GetMethodBody(rva).GetILBytes() ?? [])
            .MaxBy(il => il.Length)!;
    }
}
