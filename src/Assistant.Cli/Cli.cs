namespace Assistant.Cli;

/// <summary>Reads the command line and runs one command; 0 done, 1 refused or failed (with the reason), 2 bad usage.</summary>
public static class Cli
{
    public const string Usage = """
        usage:
          backup DIR --url URL              the service running: it takes a consistent copy (POST /api/admin/backup) and
                                            DIR receives it; an admin's login in ASSISTANT_ADMIN_EMAIL and ASSISTANT_ADMIN_PASSWORD
          backup DIR --data DATA            the service stopped: copy its data directory DATA into DIR
          restore DIR --data DATA [--replace]
                                            the service stopped: put the backup DIR in DATA; DATA must be empty, unless
                                            --replace, which first moves what is there to DATA.before-restore-<time>
        DIR must be empty or missing for a backup. A data directory the service has open is refused.
        """;

    public static async Task<int> RunAsync(string[] args, Func<string, string?> environment, TextWriter output, TextWriter error)
    {
        if (args.Length < 2 || args[0] is not ("backup" or "restore"))
        {
            await error.WriteLineAsync(Usage);
            return 2;
        }

        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 2; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal))
            {
                await error.WriteLineAsync($"unexpected argument '{args[i]}'\n{Usage}");
                return 2;
            }

            var hasValue = i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal);
            options[args[i][2..]] = hasValue ? args[++i] : "true";
        }

        var folder = Path.GetFullPath(args[1]);
        try
        {
            if (args[0] == "restore")
            {
                return options.TryGetValue("data", out var target)
                    ? Restore.Run(folder, Path.GetFullPath(target), options.ContainsKey("replace"), output, error)
                    : await UsageErrorAsync(error, "restore needs --data");
            }

            if (options.TryGetValue("url", out var url))
            {
                if (!Uri.TryCreate(url, UriKind.Absolute, out var service) || service.Scheme is not ("http" or "https"))
                {
                    return await UsageErrorAsync(error, $"'{url}' is not an http(s) address");
                }

                var email = environment("ASSISTANT_ADMIN_EMAIL");
                var password = environment("ASSISTANT_ADMIN_PASSWORD");
                if (string.IsNullOrEmpty(email) || string.IsNullOrEmpty(password))
                {
                    await error.WriteLineAsync("Set ASSISTANT_ADMIN_EMAIL and ASSISTANT_ADMIN_PASSWORD to an admin's login.");
                    return 1;
                }

                return await Backup.FromServiceAsync(service, email, password, folder, output, error);
            }

            return options.TryGetValue("data", out var data)
                ? Backup.FromStoppedService(Path.GetFullPath(data), folder, output, error)
                : await UsageErrorAsync(error, "backup needs --url or --data");
        }
        catch (IOException ex)
        {
            await error.WriteLineAsync("Failed: " + ex.Message);
            return 1;
        }
        catch (UnauthorizedAccessException ex)
        {
            await error.WriteLineAsync("Failed: " + ex.Message);
            return 1;
        }
    }

    private static async Task<int> UsageErrorAsync(TextWriter error, string message)
    {
        await error.WriteLineAsync($"{message}\n{Usage}");
        return 2;
    }
}
