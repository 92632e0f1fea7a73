using System.Globalization;
using Assistant.Ticketing.Storage;

namespace Assistant.Ticketing.Operators;

/// <summary>An admin's saved edit of one operator, in <c>tickets.db</c>; applied over configuration at start.</summary>
public sealed class OperatorEditRecord
{
    /// <summary>The operator id.</summary>
    public string Id { get; set; } = "";
    public List<OpenDayRecord> BusinessHours { get; set; } = [];
    public string Holidays { get; set; } = "";
    public string CguVersion { get; set; } = "";
    public string CguUrl { get; set; } = "";
    public DateTimeOffset SavedAt { get; set; }
    /// <summary>Who saved it, e.g. <c>staff:&lt;id&gt;</c>.</summary>
    public string SavedBy { get; set; } = "";
}

/// <summary>Times are stored as <c>HH:mm:ss</c> text: LiteDB has no time-of-day type.</summary>
public sealed class OpenDayRecord
{
    public DayOfWeek Day { get; set; }
    public string Opens { get; set; } = "";
    public string Closes { get; set; } = "";
}

/// <summary>The saved operator edits: one record per edited operator, deleted on reset.</summary>
public sealed class OperatorEditStore(TicketingDatabase database)
{
    private const string TimeFormat = "HH:mm:ss";

    public IReadOnlyList<OperatorEditRecord> All() => database.OperatorEdits.FindAll().ToList();

    public OperatorEditRecord? Find(string operatorId) => database.OperatorEdits.FindById(operatorId.ToLowerInvariant());

    public OperatorEditRecord Save(string operatorId, OperatorEdit edit, string savedBy, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(edit);
        var record = new OperatorEditRecord
        {
            Id = operatorId.ToLowerInvariant(),
            BusinessHours = [.. edit.BusinessHours.Select(d => new OpenDayRecord
            {
                Day = d.Day,
                Opens = d.Opens.ToString(TimeFormat, CultureInfo.InvariantCulture),
                Closes = d.Closes.ToString(TimeFormat, CultureInfo.InvariantCulture),
            })],
            Holidays = edit.Holidays,
            CguVersion = edit.CguVersion,
            CguUrl = edit.CguUrl,
            SavedAt = at,
            SavedBy = savedBy,
        };
        database.OperatorEdits.Upsert(record);
        return record;
    }

    /// <summary>Forgets the operator's edit; false when there was none.</summary>
    public bool Delete(string operatorId) => database.OperatorEdits.Delete(operatorId.ToLowerInvariant());

    public static OperatorEdit ToEdit(OperatorEditRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return new OperatorEdit(
            [.. record.BusinessHours.Select(d => new BusinessDay
            {
                Day = d.Day,
                Opens = TimeOnly.ParseExact(d.Opens, TimeFormat, CultureInfo.InvariantCulture),
                Closes = TimeOnly.ParseExact(d.Closes, TimeFormat, CultureInfo.InvariantCulture),
            })],
            record.Holidays,
            record.CguVersion,
            record.CguUrl);
    }
}
