using Npgsql;

namespace Assistant.Ticketing.Staff;

/// <summary>Staff accounts in the <c>staff</c> table; the unique email is the table's constraint, so two instances cannot both add one.</summary>
public sealed class PostgresStaffStore(NpgsqlDataSource dataSource, TimeProvider time) : IStaffStore
{
    private const string Columns = "id, email, display_name, role, operator_ids, disabled, password_hash, created_at";
    private const string EmailConstraint = "staff_email_key";

    public StaffUser? FindByEmail(string email)
    {
        var normalized = StaffUserRules.NormalizeEmail(email);
        return normalized.Length == 0 ? null : Query($"SELECT {Columns} FROM staff WHERE email = @value", normalized).FirstOrDefault();
    }

    public StaffUser? Find(string id) => string.IsNullOrEmpty(id) ? null : Query($"SELECT {Columns} FROM staff WHERE id = @value", id).FirstOrDefault();

    // Byte order of UTF-8 text, as the LiteDB store's ordinal sort.
    public IReadOnlyList<StaffUser> List() => Query($"SELECT {Columns} FROM staff ORDER BY email COLLATE \"C\"", null);

    public StaffUser Add(StaffUser user)
    {
        StaffUserRules.PrepareNew(user, time);
        Write($"INSERT INTO staff ({Columns}) VALUES (@id, @email, @display_name, @role, @operator_ids, @disabled, @password_hash, @created_at)", user);
        return user;
    }

    public void Update(StaffUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        user.Email = StaffUserRules.NormalizeEmail(user.Email);
        Write("""
            UPDATE staff SET email = @email, display_name = @display_name, role = @role, operator_ids = @operator_ids,
                disabled = @disabled, password_hash = @password_hash, created_at = @created_at
            WHERE id = @id
            """, user);
    }

    public int Count()
    {
        using var command = dataSource.CreateCommand("SELECT count(*) FROM staff");
        return (int)(long)command.ExecuteScalar()!;
    }

    private void Write(string sql, StaffUser user)
    {
        using var command = dataSource.CreateCommand(sql);
        command.Parameters.AddWithValue("id", user.Id);
        command.Parameters.AddWithValue("email", user.Email);
        command.Parameters.AddWithValue("display_name", user.DisplayName);
        command.Parameters.AddWithValue("role", user.Role);
        command.Parameters.AddWithValue("operator_ids", user.OperatorIds.ToArray());
        command.Parameters.AddWithValue("disabled", user.Disabled);
        command.Parameters.AddWithValue("password_hash", user.PasswordHash);
        command.Parameters.AddWithValue("created_at", user.CreatedAt.ToUniversalTime());
        try
        {
            command.ExecuteNonQuery();
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UniqueViolation && ex.ConstraintName == EmailConstraint)
        {
            throw new DuplicateStaffEmailException(user.Email);
        }
    }

    private List<StaffUser> Query(string sql, string? value)
    {
        using var command = dataSource.CreateCommand(sql);
        if (value is not null)
        {
            command.Parameters.AddWithValue("value", value);
        }

        using var reader = command.ExecuteReader();
        var users = new List<StaffUser>();
        while (reader.Read())
        {
            users.Add(new StaffUser
            {
                Id = reader.GetString(0),
                Email = reader.GetString(1),
                DisplayName = reader.GetString(2),
                Role = reader.GetString(3),
                OperatorIds = [.. reader.GetFieldValue<string[]>(4)],
                Disabled = reader.GetBoolean(5),
                PasswordHash = reader.GetString(6),
                CreatedAt = reader.GetFieldValue<DateTimeOffset>(7),
            });
        }

        return users;
    }
}
