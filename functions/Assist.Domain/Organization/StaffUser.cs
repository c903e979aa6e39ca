using Assist.Domain.Common;

namespace Assist.Domain.Organization;

/// <summary>A staff member. Roles and department come from the directory, not from the identity provider.</summary>
public sealed record StaffUser(string Id, string Name, string? DepartmentId, ValueList<StaffRole> Roles, bool Active = true)
{
    public bool Has(StaffRole role) => Active && Roles.Contains(role);
}
