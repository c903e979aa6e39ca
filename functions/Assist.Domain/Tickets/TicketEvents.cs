using System.Text.Json.Serialization;
using Assist.Domain.Calendar;
using Assist.Domain.Common;
using Assist.Domain.Routing;

namespace Assist.Domain.Tickets;

/// <summary>
/// Something that happened to a ticket: past tense, with who (<see cref="By"/>) and when (<see cref="At"/>).
/// Events are the storage format (see <see cref="Assist.Domain.Ledger.TicketEventSerializer"/>): add fields with defaults,
/// never rename or remove them.
/// </summary>
public abstract record TicketEvent(string TicketId, Actor By, DateTimeOffset At);

public sealed record TicketSubmitted(string TicketId, Actor By, DateTimeOffset At, string TicketNumber, TicketSubmission Submission)
    : TicketEvent(TicketId, By, At);

/// <summary>
/// No routing rule matched the new ticket (or its departments are gone): it waits for the HQ office (指挥部办公室) to route
/// it by hand. <see cref="Recipients"/> are the HQ office's staff, told at <see cref="NotifyAt"/>.
/// </summary>
public sealed record ManualRoutingRequired(string TicketId, Actor By, DateTimeOffset At, ValueList<string> Recipients, DateTimeOffset NotifyAt)
    : TicketEvent(TicketId, By, At);

/// <summary>派单 (or 改派 when <see cref="Round"/> &gt; 1): a new resolution clock and a sign-in clock per department.</summary>
public sealed record TicketRouted(
    string TicketId,
    Actor By,
    DateTimeOffset At,
    string LeadDepartmentId,
    ValueList<DepartmentSignIn> Departments,
    ResolutionClock Clock,
    Deadline ReturnWindow,
    string? RuleId,
    int Round)
    : TicketEvent(TicketId, By, At);

public sealed record OfficerAssigned(
    string TicketId,
    Actor By,
    DateTimeOffset At,
    string DepartmentId,
    string OfficerId,
    AssignmentReason Reason,
    string? PreviousOfficerId,
    string? Note)
    : TicketEvent(TicketId, By, At);

public sealed record DepartmentSignedIn(string TicketId, Actor By, DateTimeOffset At, string DepartmentId, bool OnTime)
    : TicketEvent(TicketId, By, At);

public sealed record EnterpriseContacted(string TicketId, Actor By, DateTimeOffset At, string DepartmentId, string Note, bool First)
    : TicketEvent(TicketId, By, At);

public sealed record ProgressRecorded(string TicketId, Actor By, DateTimeOffset At, string DepartmentId, string Note)
    : TicketEvent(TicketId, By, At);

public sealed record InformationRequested(string TicketId, Actor By, DateTimeOffset At, string Question)
    : TicketEvent(TicketId, By, At);

/// <summary>The enterprise answered; <see cref="Clock"/> is the resumed clock, moved by <see cref="PausedWorkingTime"/>.</summary>
public sealed record InformationProvided(
    string TicketId,
    Actor By,
    DateTimeOffset At,
    string Answer,
    ValueList<AttachmentRef> Attachments,
    TimeSpan PausedWorkingTime,
    ResolutionClock Clock)
    : TicketEvent(TicketId, By, At);

/// <summary>
/// 答复 by the lead department. <see cref="Contributions"/> are the co-handlers whose contribution (协办意见) the reply
/// includes; <see cref="MissingContributions"/> the co-handlers whose deadline passed without one (the reply waits for the
/// others). Both are null in replies recorded before co-handlers contributed, and then left out of the JSON.
/// <see cref="CommonIssueId"/> names the common issue (共性问题) whose coordinated answer this reply is.
/// </summary>
public sealed record TicketReplied(
    string TicketId,
    Actor By,
    DateTimeOffset At,
    string DepartmentId,
    string Answer,
    bool Resolved,
    bool OnTime,
    Deadline ConfirmationDue,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] ValueList<string>? Contributions = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] ValueList<string>? MissingContributions = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? CommonIssueId = null)
    : TicketEvent(TicketId, By, At);

/// <summary>
/// 归入共性问题: a supervisor grouped the ticket into common issue <see cref="CommonIssueId"/>, whose lead department
/// (<see cref="LeadDepartmentId"/>) gives the coordinated answer; the ticket keeps its own departments and clock.
/// </summary>
public sealed record CommonIssueJoined(string TicketId, Actor By, DateTimeOffset At, string CommonIssueId, string LeadDepartmentId)
    : TicketEvent(TicketId, By, At);

/// <summary>协办意见: a co-handling department's contribution to the lead's reply, by its own deadline or not.</summary>
public sealed record CoHandlerContributed(string TicketId, Actor By, DateTimeOffset At, string DepartmentId, string Text, bool OnTime)
    : TicketEvent(TicketId, By, At);

/// <summary>销号: confirmed with a rating, or closed as 未评价 when the confirmation window passed.</summary>
public sealed record TicketClosed(string TicketId, Actor By, DateTimeOffset At, ClosureKind Kind, SatisfactionRating? Rating, string? Comment)
    : TicketEvent(TicketId, By, At);

/// <summary>退回重办: the enterprise rejected the reply; the ticket reopens with a new clock.</summary>
public sealed record ReplyRejected(string TicketId, Actor By, DateTimeOffset At, string Reason, int Rejections, ResolutionClock Clock)
    : TicketEvent(TicketId, By, At);

/// <summary>提级: an escalation rung with its recipients and when to notify them.</summary>
public sealed record TicketEscalatedToHq(
    string TicketId,
    Actor By,
    DateTimeOffset At,
    EscalationTrigger Trigger,
    string? Note,
    ValueList<string> Recipients,
    DateTimeOffset NotifyAt)
    : TicketEvent(TicketId, By, At);

public sealed record ReturnRequested(string TicketId, Actor By, DateTimeOffset At, string DepartmentId, string Reason, Deadline DecisionDue)
    : TicketEvent(TicketId, By, At);

/// <summary>The return was justified; a <see cref="TicketRouted"/> to the new department follows.</summary>
public sealed record ReturnAccepted(string TicketId, Actor By, DateTimeOffset At, string DepartmentId, string Note)
    : TicketEvent(TicketId, By, At);

/// <summary>The return was improper: the ticket goes back to the department, and the attempt counts against it.</summary>
public sealed record ReturnRefused(string TicketId, Actor By, DateTimeOffset At, string DepartmentId, string Note)
    : TicketEvent(TicketId, By, At);

public sealed record ExtensionRequested(
    string TicketId,
    Actor By,
    DateTimeOffset At,
    string DepartmentId,
    int WorkingDays,
    string Reason,
    Deadline DecisionDue)
    : TicketEvent(TicketId, By, At);

/// <summary>
/// 延期 approved: the enterprise is told the new date (<see cref="Clock"/>.Due) and <see cref="Note"/>; the
/// ladder restarts for the new deadline.
/// </summary>
public sealed record ExtensionApproved(string TicketId, Actor By, DateTimeOffset At, int WorkingDays, string Note, ResolutionClock Clock)
    : TicketEvent(TicketId, By, At);

public sealed record ExtensionDenied(string TicketId, Actor By, DateTimeOffset At, string Note)
    : TicketEvent(TicketId, By, At);

public sealed record SupervisionOrderIssued(
    string TicketId,
    Actor By,
    DateTimeOffset At,
    string OrderId,
    string DepartmentId,
    string Instructions,
    Deadline Due,
    ValueList<string> Recipients,
    DateTimeOffset NotifyAt)
    : TicketEvent(TicketId, By, At);

/// <summary>
/// A rung of the ladder or a reminder: who is told (<see cref="Recipients"/>, user ids from the directory),
/// when (<see cref="NotifyAt"/>, held until office hours for non-urgent tickets), the timer instant that caused
/// it, and how many working days overdue the ticket is. <see cref="ReferenceId"/> names a supervision order.
/// </summary>
public sealed record EscalationRaised(
    string TicketId,
    Actor By,
    DateTimeOffset At,
    EscalationRung Rung,
    string? DepartmentId,
    string? ReferenceId,
    DateTimeOffset DueAt,
    int WorkingDaysOverdue,
    ValueList<string> Recipients,
    DateTimeOffset NotifyAt)
    : TicketEvent(TicketId, By, At);

/// <summary>
/// 批示: an HQ leader's instruction on a ticket escalated to HQ, to <see cref="DepartmentId"/> (the lead). <see cref="Recipients"/>
/// (the department's heads and the ticket's officer) are told at <see cref="NotifyAt"/>, decided as for a supervision order.
/// </summary>
public sealed record HqInstructionGiven(
    string TicketId,
    Actor By,
    DateTimeOffset At,
    string InstructionId,
    string DepartmentId,
    string Text,
    ValueList<string> Recipients,
    DateTimeOffset NotifyAt)
    : TicketEvent(TicketId, By, At);

/// <summary>签收批示: the lead department acknowledged the HQ instructions <see cref="InstructionIds"/>, with an optional note.</summary>
public sealed record HqInstructionAcknowledged(
    string TicketId,
    Actor By,
    DateTimeOffset At,
    string DepartmentId,
    ValueList<string> InstructionIds,
    string? Note)
    : TicketEvent(TicketId, By, At);

/// <summary>
/// Provisional deadlines computed again on the official calendar of <see cref="Years"/> (loaded by an administrator).
/// <see cref="Clock"/> is the new resolution clock when its deadline changed (the ladder follows it; rungs reached stay
/// reached), with <see cref="PreviousDue"/> so the timeline can say "from X to Y"; the other lists and fields hold only
/// the deadlines that changed: sign-in dues per department, the return window, the pending return's and extension's
/// decision dues, supervision orders' dues and the confirmation window. A deadline that changed only by losing its
/// provisional mark is here too.
/// </summary>
public sealed record DeadlinesRecomputed(
    string TicketId,
    Actor By,
    DateTimeOffset At,
    ValueList<int> Years,
    ResolutionClock? Clock,
    Deadline? PreviousDue,
    ValueList<DepartmentSignIn> SignIns,
    Deadline? ReturnWindow,
    Deadline? ReturnDecisionDue,
    Deadline? ExtensionDecisionDue,
    ValueList<OrderDeadline> SupervisionOrders,
    Deadline? ConfirmationDue)
    : TicketEvent(TicketId, By, At)
{
    /// <summary>The resolution deadline moved (not only lost its provisional mark): the timeline says so and the enterprise is told the new date.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool ResolutionMoved => Clock is not null && PreviousDue is not null && Clock.Due.At != PreviousDue.At;
}
