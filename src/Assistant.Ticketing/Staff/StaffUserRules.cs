namespace Assistant.Ticketing.Staff;

/// <summary>What every staff store does to a user before writing it, so both providers store the same thing.</summary>
internal static class StaffUserRules
{
    /// <summary>Checks the role, normalises email and operators, gives an id and a creation time when missing.</summary>
    public static void PrepareNew(StaffUser user, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentException.ThrowIfNullOrWhiteSpace(user.Email);
        if (!StaffRoles.IsValid(user.Role))
        {
            throw new ArgumentException($"Role must be '{StaffRoles.Agent}' or '{StaffRoles.Admin}'.", nameof(user));
        }

        user.Email = NormalizeEmail(user.Email);
        user.Id = string.IsNullOrEmpty(user.Id) ? Guid.NewGuid().ToString("N") : user.Id;
        user.OperatorIds = [.. user.OperatorIds.Select(o => o.ToLowerInvariant())];
        if (user.CreatedAt == default)
        {
            user.CreatedAt = time.GetUtcNow();
        }
    }

    public static string NormalizeEmail(string? email) => email?.Trim().ToLowerInvariant() ?? "";
}
