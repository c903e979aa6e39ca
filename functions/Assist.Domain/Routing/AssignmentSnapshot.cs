namespace Assist.Domain.Routing;

/// <summary>
/// What the caller knows about officers when a ticket is assigned, passed in as data so assignment stays pure:
/// open tickets per officer, the officer last assigned per department (the round-robin cursor), and the
/// designated officer per enterprise credit code.
/// </summary>
public sealed record AssignmentSnapshot(
    IReadOnlyDictionary<string, int> OpenTicketsByOfficer,
    IReadOnlyDictionary<string, string> LastAssignedByDepartment,
    IReadOnlyDictionary<string, string> DesignatedOfficerByCreditCode)
{
    public static AssignmentSnapshot Empty { get; } = new(
        new Dictionary<string, int>(), new Dictionary<string, string>(), new Dictionary<string, string>());
}
