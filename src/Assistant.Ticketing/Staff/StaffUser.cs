namespace Assistant.Ticketing.Staff;

/// <summary>An agent or admin of the support team. The password hash is made and checked by the host.</summary>
public sealed class StaffUser
{
    public string Id { get; set; } = "";
    /// <summary>Lower-case; unique.</summary>
    public string Email { get; set; } = "";
    public string DisplayName { get; set; } = "";
    /// <summary><see cref="StaffRoles.Agent"/> or <see cref="StaffRoles.Admin"/>.</summary>
    public string Role { get; set; } = StaffRoles.Agent;
    /// <summary>Operators whose tickets this user may see; admins see all whatever this holds.</summary>
    public List<string> OperatorIds { get; set; } = [];
    public bool Disabled { get; set; }
    public string PasswordHash { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
}

public static class StaffRoles
{
    public const string Agent = "agent";
    public const string Admin = "admin";

    public static bool IsValid(string? role) => role is Agent or Admin;
}
