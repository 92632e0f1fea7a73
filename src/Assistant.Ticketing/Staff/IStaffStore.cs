using Assistant.Ticketing.Storage;

namespace Assistant.Ticketing.Staff;

public interface IStaffStore
{
    StaffUser? FindByEmail(string email);

    StaffUser? Find(string id);

    IReadOnlyList<StaffUser> List();

    /// <summary>Adds a user; refuses an email already taken.</summary>
    StaffUser Add(StaffUser user);

    void Update(StaffUser user);

    int Count();
}

/// <summary>An email already belongs to a staff user.</summary>
public sealed class DuplicateStaffEmailException(string email) : Exception($"A staff user with email '{email}' already exists.");

public sealed class LiteDbStaffStore(TicketingDatabase database, TimeProvider time) : IStaffStore
{
    public StaffUser? FindByEmail(string email)
    {
        var normalized = StaffUserRules.NormalizeEmail(email);
        return normalized.Length == 0 ? null : database.Staff.FindOne(s => s.Email == normalized);
    }

    public StaffUser? Find(string id) => string.IsNullOrEmpty(id) ? null : database.Staff.FindById(id);

    public IReadOnlyList<StaffUser> List() => database.Staff.FindAll().OrderBy(s => s.Email, StringComparer.Ordinal).ToList();

    public StaffUser Add(StaffUser user)
    {
        StaffUserRules.PrepareNew(user, time);
        try
        {
            database.Staff.Insert(user);
        }
        catch (LiteDB.LiteException ex) when (ex.ErrorCode == LiteDB.LiteException.INDEX_DUPLICATE_KEY)
        {
            throw new DuplicateStaffEmailException(user.Email);
        }

        return user;
    }

    public void Update(StaffUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        user.Email = StaffUserRules.NormalizeEmail(user.Email);
        database.Staff.Update(user);
    }

    public int Count() => database.Staff.Count();
}
