using System.Security.Cryptography;
using Assistant.Bot.Hosting;
using Microsoft.Extensions.Options;

namespace Assistant.Bot.Channel.Tokens;

/// <summary>
/// The HMAC key of tokens and attachment URLs. Kept in the data directory when not configured, so tokens and
/// links handed out before a restart stay valid after it.
/// </summary>
public sealed class SigningKey
{
    private const string FileName = "directline-signing.key";

    public SigningKey(IOptions<DirectLineOptions> options, IOptions<AssistantOptions> assistant)
    {
        if (!string.IsNullOrWhiteSpace(options.Value.SigningKey))
        {
            Bytes = Convert.FromBase64String(options.Value.SigningKey);
            return;
        }

        var directory = Path.GetFullPath(assistant.Value.DataDirectory);
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, FileName);
        if (File.Exists(path))
        {
            Bytes = Convert.FromBase64String(File.ReadAllText(path).Trim());
            return;
        }

        Bytes = RandomNumberGenerator.GetBytes(32);
        var temporary = path + ".tmp";
        File.WriteAllText(temporary, Convert.ToBase64String(Bytes));
        File.Move(temporary, path, overwrite: true);
    }

    public byte[] Bytes { get; }
}
