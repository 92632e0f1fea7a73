using System.Globalization;

namespace Assistant.Load.Servers;

/// <summary>What Linux counts for a process, read from /proc: disk writes, CPU time, resident memory.</summary>
public readonly record struct ProcessStats(long WriteBytes, double CpuSeconds, long ResidentBytes)
{
    // USER_HZ, the unit of utime and stime in /proc/<pid>/stat: 100 on every Linux architecture .NET runs on.
    private const double TicksPerSecond = 100;

    public static ProcessStats Read(int pid)
    {
        var io = File.ReadAllLines($"/proc/{pid}/io");
        // write_bytes: what the process caused to be sent to storage (page-cache writes count when dirtied), not socket traffic.
        var writeBytes = long.Parse(Field(io, "write_bytes:"), CultureInfo.InvariantCulture);

        // Fields after the command name, which is in parentheses and may contain spaces: utime and stime are the 12th and 13th.
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var cpu = (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / TicksPerSecond;

        var rss = Field(File.ReadAllLines($"/proc/{pid}/status"), "VmRSS:");
        var residentKiB = long.Parse(rss.Split(' ', StringSplitOptions.RemoveEmptyEntries)[0], CultureInfo.InvariantCulture);
        return new ProcessStats(writeBytes, cpu, residentKiB * 1024);
    }

    public static string LoadAverage() => string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));

    private static string Field(string[] lines, string name) =>
        lines.First(l => l.StartsWith(name, StringComparison.Ordinal))[name.Length..].Trim();
}
