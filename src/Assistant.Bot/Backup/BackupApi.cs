using System.Security.Claims;
using Assistant.Bot.Admin.Audit;

namespace Assistant.Bot.Backup;

/// <summary><c>POST /api/admin/backup</c>: a consistent copy of every database and data file, as a zip (what <c>Assistant.Cli backup</c> calls).</summary>
public static class BackupApi
{
    public static RouteGroupBuilder MapBackupApi(this RouteGroupBuilder admin)
    {
        admin.MapPost("/backup", CreateAsync)
            .WithTags("Admin: backup")
            .WithSummary("Takes a backup of the data directory while the service runs (each LiteDB file consistent) and returns it as a zip")
            .Produces(StatusCodes.Status200OK, contentType: "application/zip");
        return admin;
    }

    internal static async Task<IResult> CreateAsync(ClaimsPrincipal user, DataBackup backup, AuditLog audit, TimeProvider time, CancellationToken cancellationToken)
    {
        audit.Record(user, "data.backup", "data", "backup of the data directory taken");
        var zip = await backup.CreateAsync(cancellationToken);
        return TypedResults.File(zip, "application/zip", $"assistant-backup-{time.GetUtcNow():yyyyMMdd-HHmmss}.zip");
    }
}
