namespace Assist.Domain.Routing;

public enum AssignmentReason
{
    /// <summary>The enterprise's designated officer (驻企特派员).</summary>
    DesignatedOfficer,

    /// <summary>The department's officer with the fewest open tickets (round robin on ties).</summary>
    FewestOpenTickets,

    /// <summary>Chosen by a person.</summary>
    Manual,

    /// <summary>Moved to another officer within the department.</summary>
    Reassigned,
}
