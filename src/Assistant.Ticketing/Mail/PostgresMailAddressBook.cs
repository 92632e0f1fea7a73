using Npgsql;

namespace Assistant.Ticketing.Mail;

/// <summary>Opt-outs and refused addresses in <c>mail_opt_outs</c> and <c>mail_refused</c>, keyed by operator and address hash.</summary>
public sealed class PostgresMailAddressBook(NpgsqlDataSource dataSource) : IMailAddressBook
{
    private const string RefusedColumns = "operator_id, address_key, user_id, ticket_reference, reason, at, asked_at";

    public void OptOut(string operatorId, string addressKey, string userId, string source, DateTimeOffset at)
    {
        using var command = dataSource.CreateCommand("""
            INSERT INTO mail_opt_outs (operator_id, address_key, user_id, source, at) VALUES (@operator_id, @address_key, @user_id, @source, @at)
            ON CONFLICT (operator_id, address_key) DO UPDATE SET user_id = EXCLUDED.user_id, source = EXCLUDED.source, at = EXCLUDED.at
            """);
        command.Parameters.AddWithValue("operator_id", operatorId);
        command.Parameters.AddWithValue("address_key", addressKey);
        command.Parameters.AddWithValue("user_id", userId);
        command.Parameters.AddWithValue("source", source);
        command.Parameters.AddWithValue("at", at.ToUniversalTime());
        command.ExecuteNonQuery();
    }

    public bool IsOptedOut(string operatorId, string addressKey)
    {
        using var command = dataSource.CreateCommand("SELECT 1 FROM mail_opt_outs WHERE operator_id = @operator_id AND address_key = @address_key");
        command.Parameters.AddWithValue("operator_id", operatorId);
        command.Parameters.AddWithValue("address_key", addressKey);
        return command.ExecuteScalar() is not null;
    }

    public void MarkRefused(string operatorId, string addressKey, string userId, string? ticketReference, string reason, DateTimeOffset at)
    {
        // A new refusal replaces the old one whole, asked or not, as the LiteDB store's upsert does.
        using var command = dataSource.CreateCommand($"""
            INSERT INTO mail_refused ({RefusedColumns}) VALUES (@operator_id, @address_key, @user_id, @ticket_reference, @reason, @at, NULL)
            ON CONFLICT (operator_id, address_key) DO UPDATE SET user_id = EXCLUDED.user_id, ticket_reference = EXCLUDED.ticket_reference,
                reason = EXCLUDED.reason, at = EXCLUDED.at, asked_at = NULL
            """);
        command.Parameters.AddWithValue("operator_id", operatorId);
        command.Parameters.AddWithValue("address_key", addressKey);
        command.Parameters.AddWithValue("user_id", userId);
        command.Parameters.AddWithValue("ticket_reference", (object?)ticketReference ?? DBNull.Value);
        command.Parameters.AddWithValue("reason", reason);
        command.Parameters.AddWithValue("at", at.ToUniversalTime());
        command.ExecuteNonQuery();
    }

    public RefusedAddress? Refused(string operatorId, string addressKey)
    {
        using var command = dataSource.CreateCommand($"SELECT {RefusedColumns} FROM mail_refused WHERE operator_id = @operator_id AND address_key = @address_key");
        command.Parameters.AddWithValue("operator_id", operatorId);
        command.Parameters.AddWithValue("address_key", addressKey);
        return ReadRefused(command).FirstOrDefault();
    }

    public IReadOnlyList<RefusedAddress> UnaskedRefusals(string operatorId, string userId) => RefusalsOf(operatorId, userId, asked: false);

    public IReadOnlyList<RefusedAddress> AskedRefusals(string operatorId, string userId) => RefusalsOf(operatorId, userId, asked: true);

    public void MarkAsked(string operatorId, string addressKey, DateTimeOffset at)
    {
        using var command = dataSource.CreateCommand("UPDATE mail_refused SET asked_at = @at WHERE operator_id = @operator_id AND address_key = @address_key");
        command.Parameters.AddWithValue("operator_id", operatorId);
        command.Parameters.AddWithValue("address_key", addressKey);
        command.Parameters.AddWithValue("at", at.ToUniversalTime());
        command.ExecuteNonQuery();
    }

    public void ForgetRefusal(string operatorId, string addressKey)
    {
        using var command = dataSource.CreateCommand("DELETE FROM mail_refused WHERE operator_id = @operator_id AND address_key = @address_key");
        command.Parameters.AddWithValue("operator_id", operatorId);
        command.Parameters.AddWithValue("address_key", addressKey);
        command.ExecuteNonQuery();
    }

    public int EraseUser(string userId)
    {
        using var connection = dataSource.OpenConnection();
        using var transaction = connection.BeginTransaction();
        using var keep = new NpgsqlCommand("UPDATE mail_opt_outs SET user_id = NULL WHERE user_id = @user_id", connection, transaction);
        keep.Parameters.AddWithValue("user_id", userId);
        var optOuts = keep.ExecuteNonQuery();
        using var delete = new NpgsqlCommand("DELETE FROM mail_refused WHERE user_id = @user_id", connection, transaction);
        delete.Parameters.AddWithValue("user_id", userId);
        var refused = delete.ExecuteNonQuery();
        transaction.Commit();
        return optOuts + refused;
    }

    private List<RefusedAddress> RefusalsOf(string operatorId, string userId, bool asked)
    {
        using var command = dataSource.CreateCommand($"""
            SELECT {RefusedColumns} FROM mail_refused
            WHERE user_id = @user_id AND operator_id = @operator_id AND (asked_at IS NOT NULL) = @asked
            ORDER BY at, address_key
            """);
        command.Parameters.AddWithValue("user_id", userId);
        command.Parameters.AddWithValue("operator_id", operatorId);
        command.Parameters.AddWithValue("asked", asked);
        return ReadRefused(command);
    }

    private static List<RefusedAddress> ReadRefused(NpgsqlCommand command)
    {
        using var reader = command.ExecuteReader();
        var refused = new List<RefusedAddress>();
        while (reader.Read())
        {
            var operatorId = reader.GetString(0);
            var addressKey = reader.GetString(1);
            refused.Add(new RefusedAddress
            {
                Id = $"{operatorId}|{addressKey}",
                OperatorId = operatorId,
                AddressKey = addressKey,
                UserId = reader.IsDBNull(2) ? null : reader.GetString(2),
                TicketReference = reader.IsDBNull(3) ? null : reader.GetString(3),
                Reason = reader.GetString(4),
                At = reader.GetFieldValue<DateTimeOffset>(5),
                AskedAt = reader.IsDBNull(6) ? null : reader.GetFieldValue<DateTimeOffset>(6),
            });
        }

        return refused;
    }
}
