using System.ComponentModel.DataAnnotations;

namespace Assistant.Ticketing.Storage;

/// <summary>Reads the same <c>Assistant:DataDirectory</c> key as the host, so every data file lives in one place.</summary>
public sealed class StorageOptions
{
    public const string SectionName = "Assistant";
    public const string FileName = "tickets.db";

    [Required]
    public string DataDirectory { get; set; } = "data";

    public string DatabasePath => Path.Combine(Path.GetFullPath(DataDirectory), FileName);
}
