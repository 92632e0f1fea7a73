using Microsoft.Extensions.Options;

namespace Assistant.Bot.Admin.Users;

/// <summary>The retention an admin saved from the console (one document in <c>admin.db</c>).</summary>
public sealed class SavedRetention
{
    public const int SingleId = 1;

    public int Id { get; set; } = SingleId;

    public int Days { get; set; }

    public string UpdatedBy { get; set; } = "";

    public DateTime UpdatedAt { get; set; }
}

/// <summary>
/// How many days a conversation is kept after its last message: <c>Assistant:Admin:ConversationRetentionDays</c>
/// until an admin saves another value from the console, which then wins until it is reset.
/// </summary>
public sealed class RetentionSetting(AdminDatabase database, IOptions<AdminOptions> options, TimeProvider time)
{
    public const int MinDays = 1;
    public const int MaxDays = 3650;

    private readonly Lock _gate = new();

    public int ConfiguredDays => options.Value.ConversationRetentionDays;

    public int Days => Current().Days;

    /// <summary>The days in use and where they come from: <c>console</c> when an admin's value is in use, else <c>configuration</c>.</summary>
    public (int Days, string Source) Current() =>
        database.Retention.FindById(SavedRetention.SingleId) is { } saved ? (saved.Days, "console") : (ConfiguredDays, "configuration");

    /// <summary>Saves <paramref name="days"/> and returns the value it replaces.</summary>
    public int Save(int days, string updatedBy)
    {
        lock (_gate)
        {
            var before = Days;
            database.Retention.Upsert(new SavedRetention { Days = days, UpdatedBy = updatedBy, UpdatedAt = time.GetUtcNow().UtcDateTime });
            return before;
        }
    }

    public void Reset() => database.Retention.Delete(SavedRetention.SingleId);
}
