using Assist.Domain.Calendar;
using Assist.Domain.Organization;
using Assist.Domain.Policies;
using Assist.Domain.Routing;
using Assist.Domain.Scoring;

namespace Assist.Storage.Directory;

/// <summary>The directory as the decider consumes it; <see cref="Version"/> changes whenever any stored row changes.</summary>
public sealed record DirectorySnapshot(OrganizationDirectory Organization, RoutingTable Routing, TicketPolicies Policies, WorkingCalendar Calendar, ScoreWeights Weights, string Version);
