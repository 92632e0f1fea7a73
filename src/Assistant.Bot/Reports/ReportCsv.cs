using System.Globalization;
using System.Text;
using Assistant.Ticketing.Reports;

namespace Assistant.Bot.Reports;

/// <summary>
/// The CSV export of a report: one line per ticket opened in the period, comma-separated, dates in ISO 8601 UTC,
/// met columns <c>yes</c>, <c>no</c> or empty while the deadline runs. Every value is a reference, an id, a taxonomy
/// value or a date, so no cell can start a spreadsheet formula.
/// </summary>
public static class ReportCsv
{
    public const string Header = "reference,operator,opened_at,status,priority,category,product,first_response_due,first_response_at,first_response_met,resolution_due,resolved_at,resolution_met";

    public static byte[] Write(IEnumerable<TicketReportRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var text = new StringBuilder(Header).Append("\r\n");
        foreach (var row in rows)
        {
            text.AppendJoin(',',
                row.Reference, row.OperatorId, Date(row.OpenedAt), row.Status, row.Priority, row.Category, row.Product,
                Date(row.FirstResponseDue), Date(row.FirstResponseAt), Met(row.FirstResponseMet),
                Date(row.ResolutionDue), Date(row.ResolvedAt), Met(row.ResolutionMet)).Append("\r\n");
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }

    private static string Date(DateTimeOffset? at) =>
        at is { } value ? value.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture) : "";

    private static string Met(bool? met) => met switch { true => "yes", false => "no", null => "" };
}
