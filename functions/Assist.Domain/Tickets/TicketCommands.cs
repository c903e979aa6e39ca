using Assist.Domain.Common;

namespace Assist.Domain.Tickets;

/// <summary>Something someone asks a ticket to do. Decided by <see cref="TicketDecider.Decide"/>.</summary>
public abstract record TicketCommand(Actor By);

/// <summary>受理: the enterprise (or an officer on its behalf) submits the form. Routing follows (<see cref="RouteByRules"/>).</summary>
public sealed record SubmitTicket(Actor By, string TicketId, string TicketNumber, EnterpriseForm Form) : TicketCommand(By);

/// <summary>
/// 派单 by the routing rules, by the system right after the submission (the ticket orchestration's first activity):
/// routes and assigns when a rule matches; otherwise the ticket stays with the HQ office to route by hand. A ticket
/// routed already (by hand, or by an earlier run of the same activity) is left as it is.
/// </summary>
public sealed record RouteByRules(Actor By) : TicketCommand(By);

/// <summary>
/// 派单 by hand (the HQ office, for OTHER and unmatched topics); once routed, 改派 by a supervisor or an HQ leader of a
/// ticket escalated to HQ (提级), a new round with a new clock.
/// </summary>
public sealed record RouteTicket(Actor By, string LeadDepartmentId, ValueList<string> CoHandlerDepartmentIds) : TicketCommand(By);

/// <summary>Assigns the lead department's officer; a null <see cref="OfficerId"/> lets the rules choose.</summary>
public sealed record AssignOfficer(Actor By, string? OfficerId) : TicketCommand(By);

/// <summary>Moves the ticket to another officer of the lead department.</summary>
public sealed record ReassignOfficer(Actor By, string OfficerId, string Reason) : TicketCommand(By);

/// <summary>签收 / 报到 for one handling department.</summary>
public sealed record CheckIn(Actor By, string DepartmentId) : TicketCommand(By);

/// <summary>Records contact with the enterprise (the first one is the response time).</summary>
public sealed record RecordContact(Actor By, string Note) : TicketCommand(By);

public sealed record RecordProgress(Actor By, string Note) : TicketCommand(By);

/// <summary>归入共性问题: a supervisor groups the ticket into a common issue led by <see cref="LeadDepartmentId"/>.</summary>
public sealed record JoinCommonIssue(Actor By, string CommonIssueId, string LeadDepartmentId) : TicketCommand(By);

/// <summary>协办意见: a co-handling department's contribution to the lead's reply, once it signed in.</summary>
public sealed record SubmitContribution(Actor By, string DepartmentId, string Text) : TicketCommand(By);

/// <summary>待补充: asks the enterprise for information; the resolution clock pauses.</summary>
public sealed record RequestInformation(Actor By, string Question) : TicketCommand(By);

/// <summary>The enterprise answers; the clock resumes with the deadline moved by the paused office time.</summary>
public sealed record ProvideInformation(Actor By, string Answer, ValueList<AttachmentRef> Attachments) : TicketCommand(By);

/// <summary>
/// 答复: the department's answer; <see cref="Resolved"/> says whether the problem was solved. With
/// <see cref="CommonIssueId"/> it is the coordinated answer of the ticket's common issue, given by staff of that
/// issue's lead department.
/// </summary>
public sealed record Reply(Actor By, string Answer, bool Resolved, string? CommonIssueId = null) : TicketCommand(By);

/// <summary>The enterprise confirms the reply with a rating: the ticket closes (销号).</summary>
public sealed record Confirm(Actor By, SatisfactionRating Rating, string? Comment) : TicketCommand(By);

/// <summary>The enterprise rejects the reply: 退回重办 (reopened), escalated to HQ past the policy's reopen limit.</summary>
public sealed record RejectReply(Actor By, string Reason) : TicketCommand(By);

/// <summary>退单: the lead department says the ticket is not its business, within the return window.</summary>
public sealed record ReturnTicket(Actor By, string Reason) : TicketCommand(By);

/// <summary>
/// A supervisor's final decision on a return. Accepting needs the new lead department (re-routed with a new clock);
/// refusing sends the ticket back and records an improper return.
/// </summary>
public sealed record DecideReturn(Actor By, bool Accept, string Note, string? NewLeadDepartmentId, ValueList<string>? NewCoHandlerDepartmentIds) : TicketCommand(By);

/// <summary>延期 request, at least one working day before due.</summary>
public sealed record RequestExtension(Actor By, int WorkingDays, string Reason) : TicketCommand(By);

/// <summary>A supervisor approves (possibly fewer days via <see cref="WorkingDays"/>) or denies the pending extension.</summary>
public sealed record DecideExtension(Actor By, bool Approve, string Note, int? WorkingDays) : TicketCommand(By);

/// <summary>提级 to HQ by a supervisor's (or HQ leader's) order.</summary>
public sealed record EscalateTicket(Actor By, string Note) : TicketCommand(By);

/// <summary>督办单 to a handling department (the lead when null) with its own deadline in working days.</summary>
public sealed record IssueSupervisionOrder(Actor By, string OrderId, string? DepartmentId, string Instructions, int WorkingDays) : TicketCommand(By);

/// <summary>A scheduled timer fired. Ignored (no events) unless the ticket still holds exactly this timer.</summary>
public sealed record TimerElapsed(Actor By, TimerKind Kind, DateTimeOffset DueAt, string Key = "") : TicketCommand(By);

/// <summary>
/// 批示: an HQ leader's instruction on a ticket escalated to HQ (提级), to the lead department, which must acknowledge it
/// (<see cref="AcknowledgeInstruction"/>).
/// </summary>
public sealed record GiveInstruction(Actor By, string InstructionId, string Text) : TicketCommand(By);

/// <summary>签收批示: the lead department's head or the ticket's officer acknowledges every HQ instruction not yet acknowledged.</summary>
public sealed record AcknowledgeInstruction(Actor By, string? Note) : TicketCommand(By);

/// <summary>
/// An administrator loaded a year's official calendar: the system asks each open ticket holding a provisional deadline
/// (computed on Monday–Friday over a year without data) to compute its deadlines again. Nothing happens when none is
/// provisional or none changes, so it is safe to repeat (loading the year twice moves nothing twice).
/// </summary>
public sealed record RecomputeDeadlines(Actor By) : TicketCommand(By);
