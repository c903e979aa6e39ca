using Assist.Domain.Calendar;
using Assist.Domain.Organization;
using Assist.Domain.Policies;
using Assist.Domain.Routing;
using Assist.Domain.Scoring;

namespace Assist.Storage.Directory;

/// <summary>The directory as the decider consumes it; <see cref="Version"/> changes whenever any stored row changes.</summary>
public sealed record DirectorySnapshot(OrganizationDirectory Organization, RoutingTable Routing, TicketPolicies Policies, WorkingCalendar Calendar, ScoreWeights Weights, string Version)
{
    private static readonly IReadOnlyDictionary<string, string> None = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>
    /// The designated officer (驻企特派员) per enterprise credit code, as stored: an officer since deactivated or moved
    /// stays listed here, and assignment skips them (<see cref="OfficerAssignment"/> checks the lead department).
    /// </summary>
    public IReadOnlyDictionary<string, string> DesignatedOfficers { get; init; } = None;
}
