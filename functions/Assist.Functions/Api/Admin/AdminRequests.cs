using Assist.Domain.Organization;
using Assist.Domain.Policies;
using Assist.Domain.Routing;
using Assist.Domain.Scoring;

namespace Assist.Functions.Api.Admin;

public sealed record UpsertDepartmentRequest(string? Name, bool? IsHqOffice, bool? Active);

/// <summary>A staff user: roles by name (LiaisonOfficer, DepartmentHead, Supervisor, HqLeader, Administrator).</summary>
public sealed record UpsertUserRequest(string? Name, string? DepartmentId, IReadOnlyList<StaffRole>? Roles, bool? Active);

public sealed record UpsertTopicRequest(string? NameZh, string? NameEn, bool? Active);

/// <summary>The directory as an administrator edits it (the calendar is loaded per year with PutCalendarYear).</summary>
public sealed record AdminDirectoryView(
    OrganizationDirectory Organization,
    IReadOnlyList<RoutingRule> RoutingRules,
    TicketPolicies Policies,
    ScoreWeights Weights,
    string Version);

/// <summary>What rebuilding the projections did.</summary>
public sealed record RebuildAnswer(int Tickets, int Rows);

/// <summary>
/// This instance's background dispatch: whether its workers run, how many answered submissions still wait for their
/// projection (queued or in progress), the buffer's size, and the longest a burst may hold a submission back.
/// </summary>
/// <summary>
/// The lifecycle engine's backlog: submissions committed and not yet scheduled (markers, every instance), those this
/// instance still holds to schedule, looks it handed over and has not seen done, and activity failures.
/// </summary>
public sealed record LifecycleStatus(
    string TaskHub,
    int Partitions,
    int MarkersPending,
    int QueuedHere,
    int AwaitedHere,
    long ActivityFailures,
    string? RecentFailure,
    double? ScheduleDelayP50Ms,
    double? ScheduleDelayP95Ms);
