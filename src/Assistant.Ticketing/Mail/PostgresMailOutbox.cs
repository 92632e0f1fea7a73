using System.Text.Json;
using Npgsql;
using NpgsqlTypes;

namespace Assistant.Ticketing.Mail;

/// <summary>
/// The outbox in the <c>mail_outbox</c> table. Taking a mail is one <c>UPDATE</c> of the oldest due row, locked with
/// <c>FOR UPDATE SKIP LOCKED</c>: senders on several instances never take the same mail.
/// </summary>
public sealed class PostgresMailOutbox(NpgsqlDataSource dataSource) : IMailOutbox
{
    private const string Columns = """
        id, operator_id, kind, ticket_reference, conversation_id, user_id, to_address, template, language, template_values,
        state, attempts, created_at, next_attempt_at, sending_since, sent_at, last_error
        """;

    public bool Enqueue(OutboxMail mail)
    {
        ArgumentNullException.ThrowIfNull(mail);
        ArgumentException.ThrowIfNullOrWhiteSpace(mail.Id);
        using var command = dataSource.CreateCommand($"""
            INSERT INTO mail_outbox ({Columns}) VALUES (@id, @operator_id, @kind, @ticket_reference, @conversation_id, @user_id,
                @to_address, @template, @language, @template_values, @state, @attempts, @created_at, @next_attempt_at,
                @sending_since, @sent_at, @last_error)
            ON CONFLICT (id) DO NOTHING
            """);
        command.Parameters.AddWithValue("id", mail.Id);
        command.Parameters.AddWithValue("operator_id", mail.OperatorId);
        command.Parameters.AddWithValue("kind", mail.Kind);
        command.Parameters.AddWithValue("ticket_reference", (object?)mail.TicketReference ?? DBNull.Value);
        command.Parameters.AddWithValue("conversation_id", mail.ConversationId);
        command.Parameters.AddWithValue("user_id", mail.UserId);
        command.Parameters.AddWithValue("to_address", mail.To);
        command.Parameters.AddWithValue("template", mail.Template);
        command.Parameters.AddWithValue("language", mail.Language);
        command.Parameters.AddWithValue("template_values", NpgsqlDbType.Jsonb, JsonSerializer.Serialize(mail.Values));
        command.Parameters.AddWithValue("state", mail.State);
        command.Parameters.AddWithValue("attempts", mail.Attempts);
        command.Parameters.AddWithValue("created_at", mail.CreatedAt.ToUniversalTime());
        command.Parameters.AddWithValue("next_attempt_at", mail.NextAttemptAt.ToUniversalTime());
        command.Parameters.AddWithValue("sending_since", (object?)mail.SendingSince?.ToUniversalTime() ?? DBNull.Value);
        command.Parameters.AddWithValue("sent_at", (object?)mail.SentAt?.ToUniversalTime() ?? DBNull.Value);
        command.Parameters.AddWithValue("last_error", (object?)mail.LastError ?? DBNull.Value);
        return command.ExecuteNonQuery() == 1;
    }

    public OutboxMail? TakeNext(DateTimeOffset now, TimeSpan lease)
    {
        using var command = dataSource.CreateCommand($"""
            UPDATE mail_outbox SET state = @sending, sending_since = @now, attempts = attempts + 1
            WHERE id = (
                SELECT id FROM mail_outbox
                WHERE (state = @pending AND next_attempt_at <= @now) OR (state = @sending AND sending_since <= @stale)
                ORDER BY next_attempt_at
                LIMIT 1
                FOR UPDATE SKIP LOCKED)
            RETURNING {Columns}
            """);
        command.Parameters.AddWithValue("sending", OutboxStates.Sending);
        command.Parameters.AddWithValue("pending", OutboxStates.Pending);
        command.Parameters.AddWithValue("now", now.ToUniversalTime());
        command.Parameters.AddWithValue("stale", (now - lease).ToUniversalTime());
        return Read(command).FirstOrDefault();
    }

    public DateTimeOffset? NextDue()
    {
        using var command = dataSource.CreateCommand("SELECT min(next_attempt_at) FROM mail_outbox WHERE state = @pending");
        command.Parameters.AddWithValue("pending", OutboxStates.Pending);
        return command.ExecuteScalar() is DateTime due ? new DateTimeOffset(due, TimeSpan.Zero) : null;
    }

    public void MarkSent(string id, DateTimeOffset at) => Change(
        id, "state = @state, sent_at = @at, sending_since = NULL, last_error = NULL", ("state", OutboxStates.Sent), ("at", at.ToUniversalTime()));

    public void MarkRetry(string id, string error, DateTimeOffset next) => Change(
        id, "state = @state, sending_since = NULL, last_error = @error, next_attempt_at = @next",
        ("state", OutboxStates.Pending), ("error", error), ("next", next.ToUniversalTime()));

    public void MarkFinal(string id, string state, string reason) => Change(
        id, "state = @state, sending_since = NULL, last_error = @error", ("state", state), ("error", reason));

    public OutboxMail? Find(string id)
    {
        using var command = dataSource.CreateCommand($"SELECT {Columns} FROM mail_outbox WHERE id = @id");
        command.Parameters.AddWithValue("id", id);
        return Read(command).FirstOrDefault();
    }

    public IReadOnlyList<OutboxMail> List(string? state, IReadOnlyCollection<string>? operatorIds, int limit)
    {
        using var command = dataSource.CreateCommand($"""
            SELECT {Columns} FROM mail_outbox
            WHERE (@state::text IS NULL OR state = @state) AND (@operators::text[] IS NULL OR operator_id = ANY(@operators))
            ORDER BY created_at DESC
            LIMIT @limit
            """);
        command.Parameters.AddWithValue("state", NpgsqlDbType.Text, (object?)state ?? DBNull.Value);
        command.Parameters.AddWithValue("operators", NpgsqlDbType.Array | NpgsqlDbType.Text, (object?)operatorIds?.ToArray() ?? DBNull.Value);
        command.Parameters.AddWithValue("limit", Math.Clamp(limit, 1, 500));
        return Read(command);
    }

    public IReadOnlyDictionary<string, int> Counts(IReadOnlyCollection<string>? operatorIds)
    {
        var counts = OutboxStates.All.ToDictionary(s => s, _ => 0, StringComparer.Ordinal);
        using var command = dataSource.CreateCommand("""
            SELECT state, count(*) FROM mail_outbox
            WHERE @operators::text[] IS NULL OR operator_id = ANY(@operators)
            GROUP BY state
            """);
        command.Parameters.AddWithValue("operators", NpgsqlDbType.Array | NpgsqlDbType.Text, (object?)operatorIds?.ToArray() ?? DBNull.Value);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            counts[reader.GetString(0)] = (int)reader.GetInt64(1);
        }

        return counts;
    }

    public int EraseUser(string userId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userId);
        using var connection = dataSource.OpenConnection();
        using var transaction = connection.BeginTransaction();
        using var delete = new NpgsqlCommand("DELETE FROM mail_outbox WHERE user_id = @user_id AND state IN (@pending, @sending)", connection, transaction);
        delete.Parameters.AddWithValue("user_id", userId);
        delete.Parameters.AddWithValue("pending", OutboxStates.Pending);
        delete.Parameters.AddWithValue("sending", OutboxStates.Sending);
        var deleted = delete.ExecuteNonQuery();
        using var blank = new NpgsqlCommand("""
            UPDATE mail_outbox SET to_address = '', user_id = 'erased', conversation_id = '', template_values = '{}'::jsonb
            WHERE user_id = @user_id
            """, connection, transaction);
        blank.Parameters.AddWithValue("user_id", userId);
        var blanked = blank.ExecuteNonQuery();
        transaction.Commit();
        return deleted + blanked;
    }

    private void Change(string id, string assignments, params (string Name, object Value)[] values)
    {
        using var command = dataSource.CreateCommand($"UPDATE mail_outbox SET {assignments} WHERE id = @id");
        command.Parameters.AddWithValue("id", id);
        foreach (var (name, value) in values)
        {
            command.Parameters.AddWithValue(name, value);
        }

        if (command.ExecuteNonQuery() == 0)
        {
            throw new KeyNotFoundException($"No mail '{id}' in the outbox.");
        }
    }

    private static List<OutboxMail> Read(NpgsqlCommand command)
    {
        using var reader = command.ExecuteReader();
        var mails = new List<OutboxMail>();
        while (reader.Read())
        {
            mails.Add(new OutboxMail
            {
                Id = reader.GetString(0),
                OperatorId = reader.GetString(1),
                Kind = reader.GetString(2),
                TicketReference = reader.IsDBNull(3) ? null : reader.GetString(3),
                ConversationId = reader.GetString(4),
                UserId = reader.GetString(5),
                To = reader.GetString(6),
                Template = reader.GetString(7),
                Language = reader.GetString(8),
                Values = JsonSerializer.Deserialize<Dictionary<string, string>>(reader.GetString(9)) ?? [],
                State = reader.GetString(10),
                Attempts = reader.GetInt32(11),
                CreatedAt = reader.GetFieldValue<DateTimeOffset>(12),
                NextAttemptAt = reader.GetFieldValue<DateTimeOffset>(13),
                SendingSince = reader.IsDBNull(14) ? null : reader.GetFieldValue<DateTimeOffset>(14),
                SentAt = reader.IsDBNull(15) ? null : reader.GetFieldValue<DateTimeOffset>(15),
                LastError = reader.IsDBNull(16) ? null : reader.GetString(16),
            });
        }

        return mails;
    }
}
