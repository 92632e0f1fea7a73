namespace Assistant.Load.Runs;

/// <summary>p50 / p95 / p99 of a set of latencies in milliseconds (nearest rank); NaN when there are none.</summary>
public readonly record struct Percentiles(double P50, double P95, double P99, int Count)
{
    public static Percentiles Of(List<double> values)
    {
        if (values.Count == 0)
        {
            return new Percentiles(double.NaN, double.NaN, double.NaN, 0);
        }
        values.Sort();
        return new Percentiles(Rank(values, 0.50), Rank(values, 0.95), Rank(values, 0.99), values.Count);
    }

    private static double Rank(List<double> sorted, double quantile) =>
        sorted[Math.Clamp((int)Math.Ceiling(quantile * sorted.Count) - 1, 0, sorted.Count - 1)];
}
