using System.Globalization;
using System.Security.Claims;
using Assist.Domain.Common;
using Assist.Domain.Tickets;
using Assist.Functions.Api.Tickets;
using Assist.Functions.Security;

namespace Assist.Functions.Api.Staff;

/// <summary>
/// Every staff action on a ticket, written once for the API and the pages: the role policy (the coarse gate), the
/// field checks, and the command built from the state it is decided on (the decider is the fine gate).
/// </summary>
public static class StaffActions
{
    public static readonly StaffAction<RouteTicketRequest> RouteTicket = new(
        nameof(RouteTicket), "/route", AssistPolicies.Routers, "派单: routes the ticket to a lead department and co-handlers.",
        (b, c) => c.Text("leadDepartmentId", b.LeadDepartmentId, "lead department", "主办部门"),
        (b, _, u) => new RouteTicket(u.Actor(), b.LeadDepartmentId!, (b.CoHandlerDepartmentIds ?? []).ToValueList()));

    public static readonly StaffAction<AssignOfficerRequest> AssignOfficer = new(
        nameof(AssignOfficer), "/assignment", AssistPolicies.Assigners, "Assigns an officer of the lead department (or lets the rules choose).",
        (b, c) => c.Text("officerId", b.OfficerId, "officer", "联络员", required: false),
        (b, _, u) => new AssignOfficer(u.Actor(), string.IsNullOrWhiteSpace(b.OfficerId) ? null : b.OfficerId),
        WhenEmpty: new AssignOfficerRequest(null));

    public static readonly StaffAction<ReassignOfficerRequest> ReassignOfficer = new(
        nameof(ReassignOfficer), "/reassignment", AssistPolicies.Assigners, "Moves the ticket to another officer of the lead department.",
        (b, c) => c.Text("officerId", b.OfficerId, "officer", "联络员").Text("reason", b.Reason, "reason", "改派理由"),
        (b, _, u) => new ReassignOfficer(u.Actor(), b.OfficerId!, b.Reason!));

    public static readonly StaffAction<CheckInRequest> CheckInTicket = new(
        nameof(CheckInTicket), "/check-in", AssistPolicies.DepartmentStaff, "签收 / 报到 for the caller's (or the named) handling department.",
        (b, c) => c,
        (b, s, u) => new CheckIn(u.Actor(), b.DepartmentId ?? DefaultDepartment(s, u)),
        WhenEmpty: new CheckInRequest(null));

    public static readonly StaffAction<NoteRequest> RecordContact = new(
        nameof(RecordContact), "/contacts", AssistPolicies.DepartmentStaff, "Records contact with the enterprise.",
        (b, c) => c.Text("note", b.Note, "note", "联系记录"),
        (b, _, u) => new RecordContact(u.Actor(), b.Note!));

    public static readonly StaffAction<NoteRequest> RecordProgress = new(
        nameof(RecordProgress), "/progress", AssistPolicies.DepartmentStaff, "Records progress (internal note).",
        (b, c) => c.Text("note", b.Note, "note", "办理进展"),
        (b, _, u) => new RecordProgress(u.Actor(), b.Note!));

    public static readonly StaffAction<ContributionRequest> SubmitContribution = new(
        nameof(SubmitContribution), "/contribution", AssistPolicies.DepartmentStaff, "协办意见: a co-handling department's contribution to the lead's reply, by its own deadline.",
        (b, c) => c.Text("text", b.Text, "contribution", "协办意见"),
        (b, s, u) => new SubmitContribution(u.Actor(), string.IsNullOrWhiteSpace(b.DepartmentId) ? DefaultDepartment(s, u) : b.DepartmentId, b.Text!));

    public static readonly StaffAction<RequestInformationRequest> RequestInformation = new(
        nameof(RequestInformation), "/information-requests", AssistPolicies.DepartmentStaff, "待补充: asks the enterprise for information; the clock pauses.",
        (b, c) => c.Text("question", b.Question, "question", "需补充的内容"),
        (b, _, u) => new RequestInformation(u.Actor(), b.Question!));

    public static readonly StaffAction<ReplyRequest> ReplyToTicket = new(
        nameof(ReplyToTicket), "/reply", AssistPolicies.DepartmentStaff, "答复: the department's answer to the enterprise.",
        (b, c) => c.Text("answer", b.Answer, "answer", "答复内容").Present("resolved", b.Resolved, "whether the problem was solved", "是否已解决"),
        (b, _, u) => new Reply(u.Actor(), b.Answer!, b.Resolved!.Value));

    public static readonly StaffAction<RequestExtensionRequest> RequestExtension = new(
        nameof(RequestExtension), "/extension-request", AssistPolicies.DepartmentStaff, "延期: asks a supervisor for more working days.",
        (b, c) => c.Range("workingDays", b.WorkingDays, 1, 30, "working days", "延期工作日数").Text("reason", b.Reason, "reason", "延期理由"),
        (b, _, u) => new RequestExtension(u.Actor(), b.WorkingDays!.Value, b.Reason!));

    public static readonly StaffAction<DecideExtensionRequest> DecideExtension = new(
        nameof(DecideExtension), "/extension-decision", AssistPolicies.Supervisors, "Approves (possibly fewer days) or denies the pending extension.",
        (b, c) => c.Present("approve", b.Approve, "decision", "审核结果").Text("note", b.Note, "note", "审核意见"),
        (b, _, u) => new DecideExtension(u.Actor(), b.Approve!.Value, b.Note!, b.WorkingDays));

    public static readonly StaffAction<ReturnTicketRequest> ReturnTicket = new(
        nameof(ReturnTicket), "/return", AssistPolicies.DepartmentStaff, "退单: the lead department says the ticket is not its business.",
        (b, c) => c.Text("reason", b.Reason, "reason", "退单理由"),
        (b, _, u) => new ReturnTicket(u.Actor(), b.Reason!));

    public static readonly StaffAction<DecideReturnRequest> DecideReturn = new(
        nameof(DecideReturn), "/return-decision", AssistPolicies.Supervisors, "A supervisor's final decision on a return.",
        (b, c) => c.Present("accept", b.Accept, "decision", "审核结果").Text("note", b.Note, "note", "审核意见"),
        (b, _, u) => new DecideReturn(u.Actor(), b.Accept!.Value, b.Note!, b.NewLeadDepartmentId, b.NewCoHandlerDepartmentIds?.ToValueList()));

    public static readonly StaffAction<NoteRequest> EscalateTicket = new(
        nameof(EscalateTicket), "/escalation", AssistPolicies.Escalators, "提级: escalates the ticket to HQ.",
        (b, c) => c.Text("note", b.Note, "note", "提级说明"),
        (b, _, u) => new EscalateTicket(u.Actor(), b.Note!));

    public static readonly StaffAction<IssueSupervisionOrderRequest> IssueSupervisionOrder = new(
        nameof(IssueSupervisionOrder), "/supervision-orders", AssistPolicies.Escalators, "督办单: a supervision order with its own deadline (HQ leaders once the ticket is escalated to HQ).",
        (b, c) => c.Text("instructions", b.Instructions, "instructions", "督办要求").Range("workingDays", b.WorkingDays, 0, 30, "working days", "督办期限（工作日）"),
        (b, s, u) => new IssueSupervisionOrder(u.Actor(), NextOrderId(s), b.DepartmentId, b.Instructions!, b.WorkingDays!.Value));

    public static readonly StaffAction<GiveInstructionRequest> GiveInstruction = new(
        nameof(GiveInstruction), "/instructions", AssistPolicies.HqLeaders, "批示: an HQ leader's instruction on a ticket escalated to HQ, for the lead department to acknowledge.",
        (b, c) => c.Text("instruction", b.Instruction, "instruction", "批示内容"),
        (b, s, u) => new GiveInstruction(u.Actor(), NextInstructionId(s), b.Instruction!));

    public static readonly StaffAction<AcknowledgeInstructionRequest> AcknowledgeInstruction = new(
        nameof(AcknowledgeInstruction), "/instruction-acknowledgement", AssistPolicies.DepartmentStaff, "签收批示: the lead department's head or the ticket's officer acknowledges the HQ instructions.",
        (b, c) => c.Text("note", b.Note, "note", "签收说明", required: false),
        (b, _, u) => new AcknowledgeInstruction(u.Actor(), string.IsNullOrWhiteSpace(b.Note) ? null : b.Note),
        WhenEmpty: new AcknowledgeInstructionRequest(null));

    /// <summary>The caller's own handling department; the assigned officer signs in for the lead.</summary>
    public static string DefaultDepartment(TicketState state, ClaimsPrincipal user)
    {
        var own = user.DepartmentId();
        if (own is not null && state.Departments.Any(d => d.DepartmentId == own))
        {
            return own;
        }

        return state.OfficerId == user.UserId() && state.LeadDepartmentId is { } lead ? lead : own ?? "";
    }

    /// <summary>督办单 numbers per ticket (DB-01, DB-02 …), derived from the state each attempt decides on.</summary>
    public static string NextOrderId(TicketState state) =>
        "DB-" + (state.SupervisionOrders.Count + 1).ToString("D2", CultureInfo.InvariantCulture);

    /// <summary>批示 numbers per ticket (PS-01, PS-02 …), derived like the orders'.</summary>
    public static string NextInstructionId(TicketState state) =>
        "PS-" + (state.Instructions.Count + 1).ToString("D2", CultureInfo.InvariantCulture);
}
