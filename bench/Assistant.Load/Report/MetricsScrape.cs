using System.Globalization;
using System.Text.RegularExpressions;

namespace Assistant.Load.Report;

/// <summary>
/// One read of the assistant's <c>GET /metrics</c> (Prometheus text): each sample under its name and labels,
/// e.g. <c>assistant_turn_step_duration_seconds_sum{step="dialog"}</c> (the scope label left out).
/// </summary>
public sealed partial class MetricsScrape
{
    private readonly Dictionary<string, double> _samples = new(StringComparer.Ordinal);

    public static MetricsScrape Empty { get; } = new();

    public static async Task<MetricsScrape> ReadAsync(HttpClient http, Uri server)
    {
        var scrape = new MetricsScrape();
        try
        {
            var text = await http.GetStringAsync(new Uri(server, "/metrics"));
            foreach (var line in text.Split('\n'))
            {
                var space = line.LastIndexOf(' ');
                if (line.Length == 0 || line[0] == '#' || space < 0)
                {
                    continue;
                }
                var series = line[..space];
                var brace = series.IndexOf('{', StringComparison.Ordinal);
                var name = brace < 0 ? series : series[..brace];
                var labels = brace < 0 ? "" : string.Join(',', Label().Matches(series[brace..])
                    .Where(m => m.Groups[1].Value != "otel_scope_name")
                    .Select(m => $"{m.Groups[1].Value}=\"{m.Groups[2].Value}\""));
                if (double.TryParse(line[(space + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
                {
                    scrape._samples[$"{name}{{{labels}}}"] = value;
                }
            }
        }
        catch (HttpRequestException)
        {
            // A service without /metrics: no per-step split, the rest of the report stands.
        }
        return scrape;
    }

    public bool IsEmpty => _samples.Count == 0;

    public double Get(string name, string labels = "") => _samples.GetValueOrDefault($"{name}{{{labels}}}");

    /// <summary>The <c>le</c> bounds and cumulative counts of a histogram's series with these other labels, in order.</summary>
    public IEnumerable<(double UpperBound, double Count)> Buckets(string histogram, string labels)
    {
        var prefix = $"{histogram}_bucket{{{labels}{(labels.Length > 0 ? "," : "")}le=\"";
        return _samples
            .Where(s => s.Key.StartsWith(prefix, StringComparison.Ordinal))
            .Select(s =>
            {
                var bound = s.Key[prefix.Length..^2];
                return (bound == "+Inf" ? double.PositiveInfinity : double.Parse(bound, CultureInfo.InvariantCulture), s.Value);
            })
            .OrderBy(b => b.Item1);
    }

    [GeneratedRegex(@"(\w+)=""((?:[^""\\]|\\.)*)""")]
    private static partial Regex Label();
}
