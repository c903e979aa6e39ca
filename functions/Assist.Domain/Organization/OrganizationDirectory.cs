using Assist.Domain.Common;

namespace Assist.Domain.Organization;

/// <summary>
/// Departments, staff, topics and districts as plain data the app seeds and stores; the decider resolves
/// recipients and permissions from it.
/// </summary>
public sealed record OrganizationDirectory(
    ValueList<Department> Departments,
    ValueList<StaffUser> Staff,
    ValueList<TopicDefinition> Topics,
    ValueList<string> Districts)
{
    public Department? FindDepartment(string? id) => Departments.FirstOrDefault(d => d.Id == id && d.Active);

    public StaffUser? FindUser(string? id) => Staff.FirstOrDefault(u => u.Id == id && u.Active);

    public TopicDefinition? FindTopic(string? code) => Topics.FirstOrDefault(t => t.Code == code && t.Active);

    public Department? HqOffice => Departments.FirstOrDefault(d => d.IsHqOffice && d.Active);

    /// <summary>Active users of <paramref name="departmentId"/> holding <paramref name="role"/>, ordered by id.</summary>
    public IReadOnlyList<string> UsersOf(string departmentId, StaffRole role) =>
        [.. Staff.Where(u => u.DepartmentId == departmentId && u.Has(role)).Select(u => u.Id).Order(StringComparer.Ordinal)];

    /// <summary>Active users of <paramref name="departmentId"/>, whatever their role, ordered by id.</summary>
    public IReadOnlyList<string> MembersOf(string departmentId) =>
        [.. Staff.Where(u => u.Active && u.DepartmentId == departmentId).Select(u => u.Id).Order(StringComparer.Ordinal)];

    /// <summary>Active users holding <paramref name="role"/> in any department, ordered by id.</summary>
    public IReadOnlyList<string> UsersInRole(StaffRole role) =>
        [.. Staff.Where(u => u.Has(role)).Select(u => u.Id).Order(StringComparer.Ordinal)];

    public bool IsMemberOf(string userId, string departmentId) => FindUser(userId) is { } user && user.DepartmentId == departmentId;

    public bool HasRole(string userId, StaffRole role) => FindUser(userId)?.Has(role) == true;
}
