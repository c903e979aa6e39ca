using System.ComponentModel.DataAnnotations;
using Assist.Domain.Organization;
using Assist.Domain.Policies;
using Assist.Domain.Routing;
using Assist.Domain.Scoring;

namespace Assist.Functions.Api.Admin;

public sealed record UpsertDepartmentRequest([property: Required] string? Name, bool? IsHqOffice, bool? Active);

/// <summary>A staff user: roles by name (LiaisonOfficer, DepartmentHead, Supervisor, HqLeader, Administrator).</summary>
public sealed record UpsertUserRequest([property: Required] string? Name, string? DepartmentId, IReadOnlyList<StaffRole>? Roles, bool? Active);

public sealed record UpsertTopicRequest([property: Required] string? NameZh, [property: Required] string? NameEn, bool? Active);

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

/// <summary>The enterprise's designated officer (驻企特派员): an active liaison officer's user id.</summary>
public sealed record PutDesignatedOfficerRequest([property: Required] string? OfficerId);

/// <summary>
/// A webhook receiver as an administrator sets it: a name, an https URL, the notification kinds it wants (none or
/// absent: all of them), and whether it is on (on when absent).
/// </summary>
public sealed record WebhookRequest([property: Required] string? Name, [property: Required] string? Url, IReadOnlyList<string>? Events, bool? Active);

/// <summary>The delivery a "send test" scheduled: its id, which the receiver gets in <c>X-Assist-Delivery</c> and the log shows.</summary>
public sealed record WebhookTestSent(string DeliveryId);
