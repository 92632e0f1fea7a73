using System.Text.Json;
using System.Text.Json.Nodes;

namespace Assistant.Cli;

/// <summary>What the commands need to know of a data directory and of a backup folder.</summary>
public static class DataDirectory
{
    public const string ManifestName = "backup.json";

    /// <summary>
    /// The first LiteDB file a process has open, or null. The service opens each file for its whole life and LiteDB
    /// asks for a shared lock on it; opening it for exclusive use fails while any process holds it.
    /// </summary>
    public static string? FileInUse(string directory)
    {
        if (!Directory.Exists(directory))
        {
            return null;
        }

        foreach (var file in Directory.EnumerateFiles(directory, "*.db"))
        {
            try
            {
                using var exclusive = new FileStream(file, FileMode.Open, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException)
            {
                return Path.GetFileName(file);
            }
        }

        return null;
    }

    public static bool IsEmpty(string directory) => !Directory.Exists(directory) || !Directory.EnumerateFileSystemEntries(directory).Any();

    /// <summary>The files of <paramref name="directory"/> to keep, relative, with '/': all but the service's logs.</summary>
    public static IEnumerable<string> FilesToKeep(string directory) =>
        Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories)
            .Select(path => Path.GetRelativePath(directory, path).Replace(Path.DirectorySeparatorChar, '/'))
            .Where(relative => !relative.StartsWith("logs/", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal);

    public static void CopyFile(string from, string to)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(to)!);
        File.Copy(from, to, overwrite: false);
    }

    /// <summary>The manifest of a backup folder, or null when the folder is not one.</summary>
    public static JsonObject? ReadManifest(string folder)
    {
        var path = Path.Combine(folder, ManifestName);
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(File.ReadAllText(path)) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
