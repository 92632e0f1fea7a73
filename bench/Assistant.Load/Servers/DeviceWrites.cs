using System.Globalization;
using System.Runtime.InteropServices;

namespace Assistant.Load.Servers;

/// <summary>
/// Bytes the block device under a folder has written, from <c>/sys/dev/block/&lt;major:minor&gt;/stat</c>: what the disk
/// really receives, the file system's own journal and metadata included. A process's <c>write_bytes</c> cannot tell
/// that: it counts page-cache memory dirtied (a whole large folio for a small write into it, nothing for the file
/// system's metadata), neither of which is the disk's work. The device is shared: whatever else writes to it meanwhile
/// counts too, so measure on a quiet machine.
/// </summary>
public sealed class DeviceWrites
{
    private const int SectorBytes = 512; // the unit of the stat file, whatever the device's own sector size
    private readonly string _statPath;

    private DeviceWrites(string device, string statPath)
    {
        Device = device;
        _statPath = statPath;
    }

    /// <summary>major:minor of the device.</summary>
    public string Device { get; }

    /// <summary>The device of the mount that holds <paramref name="folder"/>, or null when none is a block device (tmpfs, overlay).</summary>
    public static DeviceWrites? Of(string folder)
    {
        if (!OperatingSystem.IsLinux() || !File.Exists("/proc/self/mountinfo"))
        {
            return null;
        }

        var full = Path.GetFullPath(folder).TrimEnd('/') + "/";
        string? device = null;
        var longest = -1;
        foreach (var line in File.ReadLines("/proc/self/mountinfo"))
        {
            // id parent major:minor root mount-point options ...; spaces in a mount point are written \040.
            var fields = line.Split(' ');
            if (fields.Length < 5)
            {
                continue;
            }

            var mountPoint = fields[4].Replace("\\040", " ", StringComparison.Ordinal).TrimEnd('/') + "/";
            if (full.StartsWith(mountPoint, StringComparison.Ordinal) && mountPoint.Length >= longest)
            {
                longest = mountPoint.Length;
                device = fields[2];
            }
        }

        var statPath = $"/sys/dev/block/{device}/stat";
        return device is null || !File.Exists(statPath) ? null : new DeviceWrites(device, statPath);
    }

    /// <summary>
    /// Bytes written by the device since it started, after the kernel has sent everything dirty in memory (a
    /// <c>sync</c>), so that what a window dirtied is counted in that window and not at some later writeback.
    /// </summary>
    public long Read()
    {
        Sync();
        // Fields: reads, reads merged, sectors read, ms reading, writes, writes merged, sectors written, ...
        var fields = File.ReadAllText(_statPath).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return long.Parse(fields[6], CultureInfo.InvariantCulture) * SectorBytes;
    }

    [DllImport("libc", EntryPoint = "sync")]
    private static extern void Sync();
}
