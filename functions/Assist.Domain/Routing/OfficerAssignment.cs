using Assist.Domain.Organization;

namespace Assist.Domain.Routing;

/// <summary>Chooses the liaison officer for a department's ticket.</summary>
public static class OfficerAssignment
{
    /// <summary>
    /// The enterprise's designated officer (驻企特派员) if they are an active liaison officer of
    /// <paramref name="departmentId"/> (the lead department: an officer of another department cannot handle its
    /// tickets, so their designation does not apply to this one); else the department's officer with the fewest
    /// open tickets, and among equals the first after the last one assigned (ordinal id order, wrapping around).
    /// Null when the department has no active liaison officer.
    /// </summary>
    public static AssignmentChoice? Choose(OrganizationDirectory directory, string departmentId, string? creditCode, AssignmentSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(snapshot);
        if (creditCode is not null
            && snapshot.DesignatedOfficerByCreditCode.TryGetValue(creditCode, out var designated)
            && directory.HasRole(designated, StaffRole.LiaisonOfficer)
            && directory.IsMemberOf(designated, departmentId))
        {
            return new AssignmentChoice(designated, AssignmentReason.DesignatedOfficer);
        }

        var officers = directory.UsersOf(departmentId, StaffRole.LiaisonOfficer);
        if (officers.Count == 0)
        {
            return null;
        }

        var fewest = officers.Min(Open);
        var tied = officers.Where(officer => Open(officer) == fewest).ToList();
        var last = snapshot.LastAssignedByDepartment.GetValueOrDefault(departmentId);
        var next = last is null ? tied[0] : tied.FirstOrDefault(officer => string.CompareOrdinal(officer, last) > 0) ?? tied[0];
        return new AssignmentChoice(next, AssignmentReason.FewestOpenTickets);

        int Open(string officer) => snapshot.OpenTicketsByOfficer.GetValueOrDefault(officer);
    }
}
