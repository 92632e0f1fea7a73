using System.IO.Compression;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Assistant.Cli;

/// <summary><c>backup DIR --url</c> (the running service makes it) and <c>backup DIR --data</c> (the service stopped).</summary>
public static class Backup
{
    public static async Task<int> FromServiceAsync(Uri service, string email, string password, string folder, TextWriter output, TextWriter error)
    {
        if (!DataDirectory.IsEmpty(folder))
        {
            await error.WriteLineAsync($"'{folder}' is not empty: give an empty or new folder for the backup.");
            return 1;
        }

        using var http = new HttpClient { BaseAddress = service, Timeout = TimeSpan.FromMinutes(30) };
        using var login = await http.PostAsJsonAsync("/api/auth/token", new { email, password });
        if (!login.IsSuccessStatusCode)
        {
            await error.WriteLineAsync($"The service refused the login ({(int)login.StatusCode}): check ASSISTANT_ADMIN_EMAIL and ASSISTANT_ADMIN_PASSWORD.");
            return 1;
        }

        var token = (string?)(await login.Content.ReadFromJsonAsync<JsonObject>())?["access_token"];
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/admin/backup");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        if (!response.IsSuccessStatusCode)
        {
            await error.WriteLineAsync($"The service did not make the backup ({(int)response.StatusCode}): {await response.Content.ReadAsStringAsync()}");
            return 1;
        }

        var zip = folder.TrimEnd(Path.DirectorySeparatorChar) + ".download.zip";
        await using (var file = File.Create(zip))
        {
            await response.Content.CopyToAsync(file);
        }

        try
        {
            ZipFile.ExtractToDirectory(zip, folder);
        }
        finally
        {
            File.Delete(zip);
        }

        return await ReportAsync(folder, output, error);
    }

    public static int FromStoppedService(string data, string folder, TextWriter output, TextWriter error)
    {
        if (!Directory.Exists(data))
        {
            error.WriteLine($"'{data}' does not exist.");
            return 1;
        }

        if (DataDirectory.FileInUse(data) is { } busy)
        {
            error.WriteLine($"'{data}' is in use ({busy} is open): stop the service, or back up through it with --url.");
            return 1;
        }

        if (!DataDirectory.IsEmpty(folder))
        {
            error.WriteLine($"'{folder}' is not empty: give an empty or new folder for the backup.");
            return 1;
        }

        var files = DataDirectory.FilesToKeep(data).ToList();
        foreach (var relative in files)
        {
            DataDirectory.CopyFile(Path.Combine(data, relative), Path.Combine(folder, relative));
        }

        // Nothing writes to a stopped service's files: each LiteDB file and its log are copied as they are.
        var manifest = new JsonObject
        {
            ["format"] = 1,
            ["createdAt"] = DateTimeOffset.UtcNow.ToString("O"),
            ["databases"] = new JsonArray([.. files.Where(f => f.EndsWith(".db", StringComparison.Ordinal) && !f.Contains('/')).Select(f => JsonValue.Create(f))]),
            ["files"] = new JsonArray([.. files.Select(f => JsonValue.Create(f))]),
        };
        File.WriteAllText(Path.Combine(folder, DataDirectory.ManifestName), manifest.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        return ReportAsync(folder, output, error).GetAwaiter().GetResult();
    }

    private static async Task<int> ReportAsync(string folder, TextWriter output, TextWriter error)
    {
        if (DataDirectory.ReadManifest(folder) is not { } manifest)
        {
            await error.WriteLineAsync($"'{folder}' has no {DataDirectory.ManifestName}: the backup is incomplete.");
            return 1;
        }

        await output.WriteLineAsync($"Backup of {manifest["createdAt"]} in {folder}: {manifest["databases"]?.AsArray().Count} databases, {manifest["files"]?.AsArray().Count} other files.");
        return 0;
    }
}
