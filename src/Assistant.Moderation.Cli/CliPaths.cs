namespace Assistant.Moderation.Cli;

/// <summary>Where the commands read and write, from options, the environment, or the repository around the working directory.</summary>
internal sealed record CliPaths(string DataDirectory, string ModelsDirectory, string TrainingData, string? SharedData)
{
    public static CliPaths From(IReadOnlyDictionary<string, string> options)
    {
        var data = options.GetValueOrDefault("data") ?? Environment.GetEnvironmentVariable("Assistant__DataDirectory") ?? "data";
        var models = options.GetValueOrDefault("models") ?? Path.Combine(data, "models");
        var repository = FindUp(Directory.GetCurrentDirectory(), d => File.Exists(Path.Combine(d, "SupportAssistant.sln")));
        var training = options.GetValueOrDefault("training-data")
            ?? (repository is not null ? Path.Combine(repository, "src", "Assistant.Moderation", "Data") : Path.Combine(AppContext.BaseDirectory, "ModerationData"));
        var shared = options.GetValueOrDefault("shared")
            ?? FindUp(Directory.GetCurrentDirectory(), d => Directory.Exists(Path.Combine(d, "shared", "data")), "shared", "data");
        return new CliPaths(Path.GetFullPath(data), Path.GetFullPath(models), Path.GetFullPath(training), shared is null ? null : Path.GetFullPath(shared));
    }

    private static string? FindUp(string start, Func<string, bool> found, params string[] suffix)
    {
        for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
        {
            if (found(directory.FullName))
            {
                return Path.Combine([directory.FullName, .. suffix]);
            }
        }

        return null;
    }
}
