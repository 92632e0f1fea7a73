using System.Security.Cryptography;
using Assistant.Bot.SemanticKernel;
using Microsoft.AspNetCore.DataProtection;

namespace Assistant.Bot.Admin.Settings;

/// <summary>The LLM settings saved from the console. The API key is only ever stored encrypted.</summary>
public sealed class SavedLlmSettings
{
    public const int SingleId = 1;

    public int Id { get; set; } = SingleId;
    public string? Endpoint { get; set; }
    public string Model { get; set; } = "";
    public double TimeoutSeconds { get; set; }
    /// <summary>The key encrypted with ASP.NET Core Data Protection (keys in <c>&lt;DataDirectory&gt;/keys</c>); null: no key.</summary>
    public string? ProtectedApiKey { get; set; }
    public DateTime SavedAt { get; set; }
    public string SavedBy { get; set; } = "";
}

/// <summary>What was read back: the settings, and whether a stored key could not be decrypted (lost key ring).</summary>
public sealed record LoadedLlmSettings(LlmSettings Settings, bool KeyUnreadable);

/// <summary>Saves, reads and forgets the console's LLM settings in <c>admin.db</c>.</summary>
public sealed class LlmSettingsStore(AdminDatabase database, IDataProtectionProvider protection, TimeProvider time)
{
    private readonly IDataProtector _protector = protection.CreateProtector("Assistant.Admin.LlmApiKey.v1");

    public bool HasSaved => database.LlmSettings.FindById(SavedLlmSettings.SingleId) is not null;

    public LoadedLlmSettings? Load()
    {
        var saved = database.LlmSettings.FindById(SavedLlmSettings.SingleId);
        if (saved is null)
        {
            return null;
        }

        string? key = null;
        var unreadable = false;
        if (saved.ProtectedApiKey is not null)
        {
            try
            {
                key = _protector.Unprotect(saved.ProtectedApiKey);
            }
            catch (CryptographicException)
            {
                unreadable = true;
            }
        }

        return new LoadedLlmSettings(new LlmSettings(saved.Endpoint, saved.Model, key, TimeSpan.FromSeconds(saved.TimeoutSeconds)), unreadable);
    }

    public void Save(LlmSettings settings, string savedBy)
    {
        ArgumentNullException.ThrowIfNull(settings);
        database.LlmSettings.Upsert(new SavedLlmSettings
        {
            Endpoint = settings.Endpoint,
            Model = settings.Model,
            TimeoutSeconds = settings.Timeout.TotalSeconds,
            ProtectedApiKey = settings.ApiKey is null ? null : _protector.Protect(settings.ApiKey),
            SavedAt = time.GetUtcNow().UtcDateTime,
            SavedBy = savedBy,
        });
    }

    public bool Delete() => database.LlmSettings.Delete(SavedLlmSettings.SingleId);
}
