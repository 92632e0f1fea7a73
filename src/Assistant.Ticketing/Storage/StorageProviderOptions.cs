using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Assistant.Ticketing.Storage;

/// <summary>
/// <c>Assistant:Storage:Provider</c>: where the stores keep their data, LiteDB files in the data directory (the
/// default) or a PostgreSQL database named by <c>ConnectionStrings:Postgres</c>.
/// </summary>
public sealed class StorageProviderOptions
{
    public const string SectionName = "Assistant:Storage";
    public const string ConnectionStringName = "Postgres";
    public const string LiteDb = "LiteDB";
    public const string PostgreSql = "PostgreSQL";

    public string Provider { get; set; } = LiteDb;

    /// <summary>From <c>ConnectionStrings:Postgres</c>, not from this section.</summary>
    public string? PostgresConnectionString { get; set; }

    public bool UsesPostgres => string.Equals(Provider, PostgreSql, StringComparison.OrdinalIgnoreCase);

    /// <summary>Read while services are registered, since the provider decides which stores are.</summary>
    public static bool PostgresChosen(IConfiguration configuration) =>
        string.Equals(configuration[$"{SectionName}:Provider"], PostgreSql, StringComparison.OrdinalIgnoreCase);
}

/// <summary>An unknown provider, or PostgreSQL without a usable connection string, stops the start with the reason.</summary>
internal sealed class StorageProviderOptionsValidator : IValidateOptions<StorageProviderOptions>
{
    public ValidateOptionsResult Validate(string? name, StorageProviderOptions options)
    {
        if (!string.Equals(options.Provider, StorageProviderOptions.LiteDb, StringComparison.OrdinalIgnoreCase) && !options.UsesPostgres)
        {
            return ValidateOptionsResult.Fail(
                $"{StorageProviderOptions.SectionName}:Provider must be '{StorageProviderOptions.LiteDb}' or '{StorageProviderOptions.PostgreSql}', not '{options.Provider}'.");
        }

        if (!options.UsesPostgres)
        {
            return ValidateOptionsResult.Success;
        }

        if (string.IsNullOrWhiteSpace(options.PostgresConnectionString))
        {
            return ValidateOptionsResult.Fail(
                $"{StorageProviderOptions.SectionName}:Provider is '{StorageProviderOptions.PostgreSql}' but ConnectionStrings:{StorageProviderOptions.ConnectionStringName} is not set.");
        }

        try
        {
            _ = new NpgsqlConnectionStringBuilder(options.PostgresConnectionString);
        }
        catch (ArgumentException ex)
        {
            // Npgsql names the keyword it does not know, never a value (the password stays out of the message).
            return ValidateOptionsResult.Fail($"ConnectionStrings:{StorageProviderOptions.ConnectionStringName} is not a PostgreSQL connection string: {ex.Message}");
        }

        return ValidateOptionsResult.Success;
    }
}
