namespace Assistant.Cli;

/// <summary><c>restore DIR --data DATA [--replace]</c>: only into a data directory no service has open.</summary>
public static class Restore
{
    public static int Run(string folder, string data, bool replace, TextWriter output, TextWriter error)
    {
        if (DataDirectory.ReadManifest(folder) is not { } manifest)
        {
            error.WriteLine($"'{folder}' is not a backup (no {DataDirectory.ManifestName}).");
            return 1;
        }

        if (DataDirectory.FileInUse(data) is { } busy)
        {
            error.WriteLine($"'{data}' is in use ({busy} is open): stop the service before restoring.");
            return 1;
        }

        if (!DataDirectory.IsEmpty(data))
        {
            if (!replace)
            {
                error.WriteLine($"'{data}' is not empty: restore into an empty folder, or add --replace to move what is there aside first.");
                return 1;
            }

            var aside = $"{data.TrimEnd(Path.DirectorySeparatorChar)}.before-restore-{DateTime.UtcNow:yyyyMMdd-HHmmss}";
            Directory.Move(data, aside);
            output.WriteLine($"What was in {data} is now in {aside}.");
        }

        Directory.CreateDirectory(data);
        var count = 0;
        foreach (var relative in DataDirectory.FilesToKeep(folder).Where(f => f != DataDirectory.ManifestName))
        {
            DataDirectory.CopyFile(Path.Combine(folder, relative), Path.Combine(data, relative));
            count++;
        }

        output.WriteLine($"Restored the backup of {manifest["createdAt"]} into {data} ({count} files). Start the service on it.");
        return 0;
    }
}
