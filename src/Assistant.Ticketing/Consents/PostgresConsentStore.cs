using Npgsql;

namespace Assistant.Ticketing.Consents;

/// <summary>
/// Consents in the <c>consents</c> table. Nothing is kept in memory: another instance may record an answer at any
/// time, and the latest answer is one read of the <c>consents_latest</c> index.
/// </summary>
public sealed class PostgresConsentStore(NpgsqlDataSource dataSource, TimeProvider time) : IConsentStore
{
    private const string Columns = "id, operator_id, user_id, cgu_version, accepted, at";

    public ConsentRecord Record(string operatorId, string userId, string cguVersion, bool accepted)
    {
        var record = NewRecord(operatorId, userId, cguVersion, accepted);
        using var command = InsertCommand(record);
        record.Id = (long)command.ExecuteScalar()!;
        return record;
    }

    public async Task<ConsentRecord> RecordAsync(string operatorId, string userId, string cguVersion, bool accepted)
    {
        var record = NewRecord(operatorId, userId, cguVersion, accepted);
        await using var command = InsertCommand(record);
        record.Id = (long)(await command.ExecuteScalarAsync())!;
        return record;
    }

    public ConsentRecord? Latest(string operatorId, string userId, string cguVersion)
    {
        using var command = dataSource.CreateCommand($"""
            SELECT {Columns} FROM consents
            WHERE user_id = @user_id AND operator_id = @operator_id AND cgu_version = @cgu_version
            ORDER BY id DESC LIMIT 1
            """);
        command.Parameters.AddWithValue("user_id", userId);
        command.Parameters.AddWithValue("operator_id", operatorId.ToLowerInvariant());
        command.Parameters.AddWithValue("cgu_version", cguVersion);
        return Read(command).FirstOrDefault();
    }

    public IReadOnlyList<ConsentRecord> ListByUser(string userId)
    {
        using var command = dataSource.CreateCommand($"SELECT {Columns} FROM consents WHERE user_id = @user_id ORDER BY id");
        command.Parameters.AddWithValue("user_id", userId);
        return Read(command);
    }

    public int DeleteByUser(string userId)
    {
        using var command = dataSource.CreateCommand("DELETE FROM consents WHERE user_id = @user_id");
        command.Parameters.AddWithValue("user_id", userId);
        return command.ExecuteNonQuery();
    }

    private ConsentRecord NewRecord(string operatorId, string userId, string cguVersion, bool accepted)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(operatorId);
        ArgumentException.ThrowIfNullOrWhiteSpace(userId);
        ArgumentException.ThrowIfNullOrWhiteSpace(cguVersion);
        return new ConsentRecord
        {
            OperatorId = operatorId.ToLowerInvariant(),
            UserId = userId,
            CguVersion = cguVersion,
            Accepted = accepted,
            At = time.GetUtcNow(),
        };
    }

    private NpgsqlCommand InsertCommand(ConsentRecord record)
    {
        var command = dataSource.CreateCommand("""
            INSERT INTO consents (operator_id, user_id, cgu_version, accepted, at)
            VALUES (@operator_id, @user_id, @cgu_version, @accepted, @at) RETURNING id
            """);
        command.Parameters.AddWithValue("operator_id", record.OperatorId);
        command.Parameters.AddWithValue("user_id", record.UserId);
        command.Parameters.AddWithValue("cgu_version", record.CguVersion);
        command.Parameters.AddWithValue("accepted", record.Accepted);
        command.Parameters.AddWithValue("at", record.At.ToUniversalTime());
        return command;
    }

    private static List<ConsentRecord> Read(NpgsqlCommand command)
    {
        using var reader = command.ExecuteReader();
        var records = new List<ConsentRecord>();
        while (reader.Read())
        {
            records.Add(new ConsentRecord
            {
                Id = reader.GetInt64(0),
                OperatorId = reader.GetString(1),
                UserId = reader.GetString(2),
                CguVersion = reader.GetString(3),
                Accepted = reader.GetBoolean(4),
                At = reader.GetFieldValue<DateTimeOffset>(5),
            });
        }

        return records;
    }
}
