using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;
using System.Security.Cryptography;

namespace Assistant.Moderation.Training;

/// <summary>
/// Identifies the code that trains and evaluates models: <see cref="TrainerSettings.TrainerVersion"/> plus a hash of
/// this assembly's compiled content. A cache of trained models keyed by the data alone silently serves models of an
/// older trainer; keyed by this as well, any change to the trainer (or to the rules and features it ships with) retrains.
/// </summary>
public static class TrainerFingerprint
{
    private static readonly Lazy<string> Computed = new(Compute);

    public static string Value => Computed.Value;

    private static string Compute()
    {
        var location = typeof(TrainerFingerprint).Assembly.Location;
        if (location.Length == 0 || !File.Exists(location))
        {
            // Single-file or in-memory load: the module id changes with every compilation, which errs towards retraining.
            return $"v{TrainerSettings.TrainerVersion}-{typeof(TrainerFingerprint).Assembly.ManifestModule.ModuleVersionId:N}";
        }

        return Of(location);
    }

    /// <summary>The fingerprint of the trainer compiled in the assembly file at <paramref name="assemblyPath"/>.</summary>
    public static string Of(string assemblyPath)
    {
        // The file itself is not stable across rebuilds of the same source here (module id and PDB id differ), so
        // hash the metadata with its GUID heap blanked out, plus every method body's IL.
        using var pe = new PEReader(File.OpenRead(assemblyPath));
        var reader = pe.GetMetadataReader();
        var metadata = pe.GetMetadata().GetContent().ToArray();
        var guidOffset = reader.GetHeapMetadataOffset(HeapIndex.Guid);
        Array.Clear(metadata, guidOffset, reader.GetHeapSize(HeapIndex.Guid));
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(metadata);
        foreach (var handle in reader.MethodDefinitions)
        {
            var rva = reader.GetMethodDefinition(handle).RelativeVirtualAddress;
            if (rva != 0)
            {
                hash.AppendData(pe.GetMethodBody(rva).GetILBytes() ?? []);
            }
        }

        return $"v{TrainerSettings.TrainerVersion}-{Convert.ToHexString(hash.GetHashAndReset())[..16].ToLowerInvariant()}";
    }
}
