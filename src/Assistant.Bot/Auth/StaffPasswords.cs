using Assistant.Ticketing.Staff;
using Microsoft.AspNetCore.Identity;

namespace Assistant.Bot.Auth;

/// <summary>Staff password hashes, made and checked with ASP.NET Core Identity's PBKDF2 hasher.</summary>
public sealed class StaffPasswords
{
    private readonly PasswordHasher<StaffUser> _hasher = new();
    // Checked when the email is unknown, so an unknown email costs the same time as a wrong password.
    private readonly string _decoyHash;

    public StaffPasswords() => _decoyHash = _hasher.HashPassword(new StaffUser(), Guid.NewGuid().ToString());

    public string Hash(StaffUser user, string password) => _hasher.HashPassword(user, password);

    /// <summary>True when the password matches; <paramref name="rehashed"/> is set when the stored hash should be upgraded.</summary>
    public bool Verify(StaffUser? user, string password, out string? rehashed)
    {
        rehashed = null;
        if (user is null || string.IsNullOrEmpty(user.PasswordHash))
        {
            _hasher.VerifyHashedPassword(new StaffUser(), _decoyHash, password);
            return false;
        }

        var result = _hasher.VerifyHashedPassword(user, user.PasswordHash, password);
        if (result == PasswordVerificationResult.SuccessRehashNeeded)
        {
            rehashed = _hasher.HashPassword(user, password);
        }

        return result != PasswordVerificationResult.Failed;
    }
}
