using System.Globalization;
using Assist.Domain.Common;
using Assist.Domain.Organization;
using Assist.Domain.Tickets;
using Assist.Functions.Api.Tickets;
using Assist.Functions.Security;
using Assist.Storage.Workflow;

namespace Assist.Functions.Api.Staff;

/// <summary>
/// Staff work on one ticket: read it and its ledger, and every lifecycle action. Each endpoint has a role policy
/// (the coarse gate); the workflow decides per ticket (the fine gate, 403 with its reason). Mutations need
/// <c>If-Match: "&lt;version&gt;"</c> and answer the new version as ETag.
/// </summary>
public static class StaffTicketEndpoints
{
    public static IEndpointRouteBuilder MapStaffTicketEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var ticket = endpoints.MapGroup("/api/staff/tickets/{number}")
            .WithTags("Staff")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

        ticket.MapGet("", GetAsync).WithName("GetTicket").WithSummary("The staff view of a ticket (enterprise hidden from departments when confidential).")
            .RequireAuthorization(AssistPolicies.Staff).Produces<StaffTicketView>();
        ticket.MapGet("/ledger", GetLedgerAsync).WithName("GetTicketLedger").WithSummary("The ticket's hash-chained ledger and whether it verifies.")
            .RequireAuthorization(AssistPolicies.Staff).Produces<TicketLedgerView>();
        ticket.MapPost("/reveal-mobile", RevealMobileAsync).WithName("RevealMobile")
            .WithSummary("Reveals the enterprise's mobile number to the department holding the ticket; every reveal is audited.")
            .RequireAuthorization(AssistPolicies.DepartmentStaff).Produces<RevealedMobile>();

        Mutation<RouteTicketRequest>(ticket, "/route", "RouteTicket", AssistPolicies.Routers, "派单: routes the ticket to a lead department and co-handlers.",
            (b, c) => c.Text("leadDepartmentId", b.LeadDepartmentId, "lead department", "主办部门"),
            (b, _, u) => new RouteTicket(u.Actor(), b.LeadDepartmentId!, (b.CoHandlerDepartmentIds ?? []).ToValueList()));
        Mutation<AssignOfficerRequest>(ticket, "/assignment", "AssignOfficer", AssistPolicies.Assigners, "Assigns an officer of the lead department (or lets the rules choose).",
            (b, c) => c.Text("officerId", b.OfficerId, "officer", "联络员", required: false),
            (b, _, u) => new AssignOfficer(u.Actor(), string.IsNullOrWhiteSpace(b.OfficerId) ? null : b.OfficerId),
            whenEmpty: new AssignOfficerRequest(null));
        Mutation<ReassignOfficerRequest>(ticket, "/reassignment", "ReassignOfficer", AssistPolicies.Assigners, "Moves the ticket to another officer of the lead department.",
            (b, c) => c.Text("officerId", b.OfficerId, "officer", "联络员").Text("reason", b.Reason, "reason", "改派理由"),
            (b, _, u) => new ReassignOfficer(u.Actor(), b.OfficerId!, b.Reason!));
        Mutation<CheckInRequest>(ticket, "/check-in", "CheckInTicket", AssistPolicies.DepartmentStaff, "签收 / 报到 for the caller's (or the named) handling department.",
            (b, c) => c,
            (b, s, u) => new CheckIn(u.Actor(), b.DepartmentId ?? DefaultDepartment(s, u)),
            whenEmpty: new CheckInRequest(null));
        Mutation<NoteRequest>(ticket, "/contacts", "RecordContact", AssistPolicies.DepartmentStaff, "Records contact with the enterprise.",
            (b, c) => c.Text("note", b.Note, "note", "联系记录"),
            (b, _, u) => new RecordContact(u.Actor(), b.Note!));
        Mutation<NoteRequest>(ticket, "/progress", "RecordProgress", AssistPolicies.DepartmentStaff, "Records progress (internal note).",
            (b, c) => c.Text("note", b.Note, "note", "办理进展"),
            (b, _, u) => new RecordProgress(u.Actor(), b.Note!));
        Mutation<RequestInformationRequest>(ticket, "/information-requests", "RequestInformation", AssistPolicies.DepartmentStaff, "待补充: asks the enterprise for information; the clock pauses.",
            (b, c) => c.Text("question", b.Question, "question", "需补充的内容"),
            (b, _, u) => new RequestInformation(u.Actor(), b.Question!));
        Mutation<ReplyRequest>(ticket, "/reply", "ReplyToTicket", AssistPolicies.DepartmentStaff, "答复: the department's answer to the enterprise.",
            (b, c) => c.Text("answer", b.Answer, "answer", "答复内容").Present("resolved", b.Resolved, "whether the problem was solved", "是否已解决"),
            (b, _, u) => new Reply(u.Actor(), b.Answer!, b.Resolved!.Value));
        Mutation<RequestExtensionRequest>(ticket, "/extension-request", "RequestExtension", AssistPolicies.DepartmentStaff, "延期: asks a supervisor for more working days.",
            (b, c) => c.Range("workingDays", b.WorkingDays, 1, 30, "working days", "延期工作日数").Text("reason", b.Reason, "reason", "延期理由"),
            (b, _, u) => new RequestExtension(u.Actor(), b.WorkingDays!.Value, b.Reason!));
        Mutation<DecideExtensionRequest>(ticket, "/extension-decision", "DecideExtension", AssistPolicies.Supervisors, "Approves (possibly fewer days) or denies the pending extension.",
            (b, c) => c.Present("approve", b.Approve, "decision", "审核结果").Text("note", b.Note, "note", "审核意见"),
            (b, _, u) => new DecideExtension(u.Actor(), b.Approve!.Value, b.Note!, b.WorkingDays));
        Mutation<ReturnTicketRequest>(ticket, "/return", "ReturnTicket", AssistPolicies.DepartmentStaff, "退单: the lead department says the ticket is not its business.",
            (b, c) => c.Text("reason", b.Reason, "reason", "退单理由"),
            (b, _, u) => new ReturnTicket(u.Actor(), b.Reason!));
        Mutation<DecideReturnRequest>(ticket, "/return-decision", "DecideReturn", AssistPolicies.Supervisors, "A supervisor's final decision on a return.",
            (b, c) => c.Present("accept", b.Accept, "decision", "审核结果").Text("note", b.Note, "note", "审核意见"),
            (b, _, u) => new DecideReturn(u.Actor(), b.Accept!.Value, b.Note!, b.NewLeadDepartmentId, b.NewCoHandlerDepartmentIds?.ToValueList()));
        Mutation<NoteRequest>(ticket, "/escalation", "EscalateTicket", AssistPolicies.Escalators, "提级: escalates the ticket to HQ.",
            (b, c) => c.Text("note", b.Note, "note", "提级说明"),
            (b, _, u) => new EscalateTicket(u.Actor(), b.Note!));
        Mutation<IssueSupervisionOrderRequest>(ticket, "/supervision-orders", "IssueSupervisionOrder", AssistPolicies.Supervisors, "督办单: a supervision order with its own deadline.",
            (b, c) => c.Text("instructions", b.Instructions, "instructions", "督办要求").Range("workingDays", b.WorkingDays, 0, 30, "working days", "督办期限（工作日）"),
            (b, s, u) => new IssueSupervisionOrder(u.Actor(), NextOrderId(s), b.DepartmentId, b.Instructions!, b.WorkingDays!.Value));
        return endpoints;
    }

    private static void Mutation<TBody>(
        RouteGroupBuilder group,
        string path,
        string operationId,
        string policy,
        string summary,
        Func<TBody, RequestChecks, RequestChecks> check,
        Func<TBody, TicketState, System.Security.Claims.ClaimsPrincipal, TicketCommand> command,
        TBody? whenEmpty = null)
        where TBody : class
    {
        group.MapPost(path, (string number, HttpContext http, StaffCommandRunner runner, CancellationToken cancellationToken) =>
                runner.RunAsync(http, number, check, command, cancellationToken, whenEmpty))
            .WithName(operationId)
            .WithSummary(summary + " Needs If-Match with the ticket version.")
            .RequireAuthorization(policy)
            .Accepts<TBody>("application/json")
            .Produces<StaffTicketView>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status428PreconditionRequired)
            .WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(256 * 1024));
    }

    /// <summary>The caller's own handling department; the assigned officer signs in for the lead.</summary>
    private static string DefaultDepartment(TicketState state, System.Security.Claims.ClaimsPrincipal user)
    {
        var own = user.DepartmentId();
        if (own is not null && state.Departments.Any(d => d.DepartmentId == own))
        {
            return own;
        }

        return state.OfficerId == user.UserId() && state.LeadDepartmentId is { } lead ? lead : own ?? "";
    }

    /// <summary>督办单 numbers per ticket (DB-01, DB-02 …), derived from the state each attempt decides on.</summary>
    private static string NextOrderId(TicketState state) =>
        "DB-" + (state.SupervisionOrders.Count + 1).ToString("D2", CultureInfo.InvariantCulture);

    private static async Task<IResult> GetAsync(string number, HttpContext http, StaffCommandRunner runner, CancellationToken cancellationToken)
    {
        var (ticket, problem) = await runner.FindVisibleAsync(http, number, cancellationToken);
        return problem ?? await runner.ViewAsync(http, ticket!, cancellationToken);
    }

    private static async Task<IResult> GetLedgerAsync(string number, HttpContext http, StaffCommandRunner runner, TicketService tickets, CancellationToken cancellationToken)
    {
        var (ticket, problem) = await runner.FindVisibleAsync(http, number, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var ledger = await tickets.GetLedgerAsync(ticket!.Number, cancellationToken);
        return ledger is null ? StaffCommandRunner.NotFound(http.Request) : Results.Ok(TicketViewMapper.Ledger(ledger));
    }

    private static async Task<IResult> RevealMobileAsync(string number, HttpContext http, StaffCommandRunner runner, MobileRevealAudit audit, CancellationToken cancellationToken)
    {
        var (ticket, problem) = await runner.FindVisibleAsync(http, number, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var state = ticket!.State;
        if (!http.User.HoldsTicket(state) || state.Submission is null)
        {
            return ApiProblems.Forbidden(http.Request, "Only the department holding the ticket may reveal the mobile number.", "只有正在办理该工单的部门可以查看完整手机号码。");
        }

        var at = await audit.RecordAsync(ticket.Number, http.User.UserId()!, http.User.DepartmentId(), ClientAddress.Of(http), cancellationToken);
        http.Response.Headers.CacheControl = "no-store";
        var enterprise = state.Submission.Enterprise;
        return Results.Ok(new RevealedMobile(ticket.Number, http.User.MaySeeEnterpriseOf(state) ? enterprise.ContactName : null, enterprise.Mobile, at));
    }
}
