using Assist.Functions.Api.OpenApi;
using Assist.Functions.Api.Tickets;
using Assist.Functions.Security;
using Assist.Storage.Workflow;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using RequestSizeLimitAttribute = Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute;

namespace Assist.Functions.Api.Staff;

/// <summary>
/// Staff work on one ticket: read it and its ledger, and every lifecycle action. Each function has a role policy
/// (the coarse gate); the workflow decides per ticket (the fine gate, 403 with its reason). Mutations need
/// <c>If-Match: "&lt;version&gt;"</c> and answer the new version as ETag. Each mutation runs one of
/// <see cref="StaffActions"/> (which the pages run too) and declares that action's policy and body.
/// </summary>
[Tags("Staff")]
[ProducesProblem(StatusCodes.Status401Unauthorized)]
[ProducesProblem(StatusCodes.Status403Forbidden)]
[ProducesProblem(StatusCodes.Status404NotFound)]
public sealed class StaffTicketFunctions(StaffCommandRunner runner, TicketService tickets, MobileRevealAudit audit)
{
    /// <summary>The largest body a staff mutation reads.</summary>
    private const int MutationSizeLimit = 256 * 1024;

    [Function("GetTicket")]
    [EndpointSummary("The staff view of a ticket (enterprise hidden from departments when confidential).")]
    [Authorize(Policy = AssistPolicies.Staff)]
    [Produces(StatusCodes.Status200OK, typeof(StaffTicketView))]
    public async Task<IResult> GetTicketAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/staff/tickets/{number}")] HttpRequest request, string number, CancellationToken cancellationToken)
    {
        var (ticket, problem) = await runner.FindVisibleAsync(request.HttpContext, number, cancellationToken);
        return problem ?? await runner.ViewAsync(request.HttpContext, ticket!, cancellationToken);
    }

    [Function("GetTicketLedger")]
    [EndpointSummary("The ticket's hash-chained ledger, whether it verifies, and per entry what its hash was computed from (payloads that identify the enterprise withheld, their digests shown).")]
    [Authorize(Policy = AssistPolicies.Staff)]
    [Produces(StatusCodes.Status200OK, typeof(TicketLedgerView))]
    public async Task<IResult> GetTicketLedgerAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/staff/tickets/{number}/ledger")] HttpRequest request, string number, CancellationToken cancellationToken)
    {
        var (ticket, problem) = await runner.FindVisibleAsync(request.HttpContext, number, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var ledger = await tickets.GetLedgerAsync(ticket!.Number, cancellationToken);
        return ledger is null
            ? StaffCommandRunner.NotFound(request)
            : Results.Ok(TicketViewMapper.Ledger(ledger, request.HttpContext.User.MaySeeEnterpriseOf(ticket.State)));
    }

    [Function("RevealMobile")]
    [EndpointSummary("Reveals the enterprise's mobile number to overseers, or to the department holding a ticket that is not confidential; every reveal is audited.")]
    [Authorize(Policy = AssistPolicies.MobileRevealers)]
    [Produces(StatusCodes.Status200OK, typeof(RevealedMobile))]
    public async Task<IResult> RevealMobileAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/staff/tickets/{number}/reveal-mobile")] HttpRequest request, string number, [DurableClient] DurableTaskClient durable, CancellationToken cancellationToken)
    {
        var http = request.HttpContext;
        var (ticket, problem) = await runner.FindVisibleAsync(http, number, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var revealed = await audit.RevealAsync(http.User, ticket!, ClientAddress.Of(http), cancellationToken);
        if (revealed is null)
        {
            return ApiProblems.Forbidden(
                request,
                "Only supervisors, HQ leaders, administrators or, unless the ticket is confidential, the department holding it may reveal the mobile number.",
                "只有督查室、指挥部领导、管理员，或在工单非保密时正在办理该工单的部门，可以查看完整手机号码。");
        }

        http.Response.Headers.CacheControl = "no-store";
        return Results.Ok(revealed);
    }

    [Function("RouteTicket")]
    [EndpointSummary("派单: routes the ticket to a lead department and co-handlers. Needs If-Match with the ticket version.")]
    [Authorize(Policy = AssistPolicies.Routers)]
    [RequestBody(typeof(RouteTicketRequest))]
    [StaffActionResponses]
    [RequestSizeLimit(MutationSizeLimit)]
    public Task<IResult> RouteTicketAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/staff/tickets/{number}/route")] HttpRequest request, string number, [DurableClient] DurableTaskClient durable, CancellationToken cancellationToken) =>
        runner.RunAsync(request.HttpContext, number, StaffActions.RouteTicket, cancellationToken);

    [Function("AssignOfficer")]
    [EndpointSummary("Assigns an officer of the lead department (or lets the rules choose). Needs If-Match with the ticket version.")]
    [Authorize(Policy = AssistPolicies.Assigners)]
    [RequestBody(typeof(AssignOfficerRequest))]
    [StaffActionResponses]
    [RequestSizeLimit(MutationSizeLimit)]
    public Task<IResult> AssignOfficerAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/staff/tickets/{number}/assignment")] HttpRequest request, string number, [DurableClient] DurableTaskClient durable, CancellationToken cancellationToken) =>
        runner.RunAsync(request.HttpContext, number, StaffActions.AssignOfficer, cancellationToken);

    [Function("ReassignOfficer")]
    [EndpointSummary("Moves the ticket to another officer of the lead department. Needs If-Match with the ticket version.")]
    [Authorize(Policy = AssistPolicies.Assigners)]
    [RequestBody(typeof(ReassignOfficerRequest))]
    [StaffActionResponses]
    [RequestSizeLimit(MutationSizeLimit)]
    public Task<IResult> ReassignOfficerAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/staff/tickets/{number}/reassignment")] HttpRequest request, string number, [DurableClient] DurableTaskClient durable, CancellationToken cancellationToken) =>
        runner.RunAsync(request.HttpContext, number, StaffActions.ReassignOfficer, cancellationToken);

    [Function("CheckInTicket")]
    [EndpointSummary("签收 / 报到 for the caller's (or the named) handling department. Needs If-Match with the ticket version.")]
    [Authorize(Policy = AssistPolicies.DepartmentStaff)]
    [RequestBody(typeof(CheckInRequest))]
    [StaffActionResponses]
    [RequestSizeLimit(MutationSizeLimit)]
    public Task<IResult> CheckInTicketAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/staff/tickets/{number}/check-in")] HttpRequest request, string number, [DurableClient] DurableTaskClient durable, CancellationToken cancellationToken) =>
        runner.RunAsync(request.HttpContext, number, StaffActions.CheckInTicket, cancellationToken);

    [Function("RecordContact")]
    [EndpointSummary("Records contact with the enterprise. Needs If-Match with the ticket version.")]
    [Authorize(Policy = AssistPolicies.DepartmentStaff)]
    [RequestBody(typeof(NoteRequest))]
    [StaffActionResponses]
    [RequestSizeLimit(MutationSizeLimit)]
    public Task<IResult> RecordContactAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/staff/tickets/{number}/contacts")] HttpRequest request, string number, [DurableClient] DurableTaskClient durable, CancellationToken cancellationToken) =>
        runner.RunAsync(request.HttpContext, number, StaffActions.RecordContact, cancellationToken);

    [Function("RecordProgress")]
    [EndpointSummary("Records progress (internal note). Needs If-Match with the ticket version.")]
    [Authorize(Policy = AssistPolicies.DepartmentStaff)]
    [RequestBody(typeof(NoteRequest))]
    [StaffActionResponses]
    [RequestSizeLimit(MutationSizeLimit)]
    public Task<IResult> RecordProgressAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/staff/tickets/{number}/progress")] HttpRequest request, string number, [DurableClient] DurableTaskClient durable, CancellationToken cancellationToken) =>
        runner.RunAsync(request.HttpContext, number, StaffActions.RecordProgress, cancellationToken);

    [Function("SubmitContribution")]
    [EndpointSummary("协办意见: a co-handling department's contribution to the lead's reply, by its own deadline. Needs If-Match with the ticket version.")]
    [Authorize(Policy = AssistPolicies.DepartmentStaff)]
    [RequestBody(typeof(ContributionRequest))]
    [StaffActionResponses]
    [RequestSizeLimit(MutationSizeLimit)]
    public Task<IResult> SubmitContributionAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/staff/tickets/{number}/contribution")] HttpRequest request, string number, [DurableClient] DurableTaskClient durable, CancellationToken cancellationToken) =>
        runner.RunAsync(request.HttpContext, number, StaffActions.SubmitContribution, cancellationToken);

    [Function("RequestInformation")]
    [EndpointSummary("待补充: asks the enterprise for information; the clock pauses. Needs If-Match with the ticket version.")]
    [Authorize(Policy = AssistPolicies.DepartmentStaff)]
    [RequestBody(typeof(RequestInformationRequest))]
    [StaffActionResponses]
    [RequestSizeLimit(MutationSizeLimit)]
    public Task<IResult> RequestInformationAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/staff/tickets/{number}/information-requests")] HttpRequest request, string number, [DurableClient] DurableTaskClient durable, CancellationToken cancellationToken) =>
        runner.RunAsync(request.HttpContext, number, StaffActions.RequestInformation, cancellationToken);

    [Function("ReplyToTicket")]
    [EndpointSummary("答复: the department's answer to the enterprise. Needs If-Match with the ticket version.")]
    [Authorize(Policy = AssistPolicies.DepartmentStaff)]
    [RequestBody(typeof(ReplyRequest))]
    [StaffActionResponses]
    [RequestSizeLimit(MutationSizeLimit)]
    public Task<IResult> ReplyToTicketAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/staff/tickets/{number}/reply")] HttpRequest request, string number, [DurableClient] DurableTaskClient durable, CancellationToken cancellationToken) =>
        runner.RunAsync(request.HttpContext, number, StaffActions.ReplyToTicket, cancellationToken);

    [Function("RequestExtension")]
    [EndpointSummary("延期: asks a supervisor for more working days. Needs If-Match with the ticket version.")]
    [Authorize(Policy = AssistPolicies.DepartmentStaff)]
    [RequestBody(typeof(RequestExtensionRequest))]
    [StaffActionResponses]
    [RequestSizeLimit(MutationSizeLimit)]
    public Task<IResult> RequestExtensionAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/staff/tickets/{number}/extension-request")] HttpRequest request, string number, [DurableClient] DurableTaskClient durable, CancellationToken cancellationToken) =>
        runner.RunAsync(request.HttpContext, number, StaffActions.RequestExtension, cancellationToken);

    [Function("DecideExtension")]
    [EndpointSummary("Approves (possibly fewer days) or denies the pending extension. Needs If-Match with the ticket version.")]
    [Authorize(Policy = AssistPolicies.Supervisors)]
    [RequestBody(typeof(DecideExtensionRequest))]
    [StaffActionResponses]
    [RequestSizeLimit(MutationSizeLimit)]
    public Task<IResult> DecideExtensionAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/staff/tickets/{number}/extension-decision")] HttpRequest request, string number, [DurableClient] DurableTaskClient durable, CancellationToken cancellationToken) =>
        runner.RunAsync(request.HttpContext, number, StaffActions.DecideExtension, cancellationToken);

    [Function("ReturnTicket")]
    [EndpointSummary("退单: the lead department says the ticket is not its business. Needs If-Match with the ticket version.")]
    [Authorize(Policy = AssistPolicies.DepartmentStaff)]
    [RequestBody(typeof(ReturnTicketRequest))]
    [StaffActionResponses]
    [RequestSizeLimit(MutationSizeLimit)]
    public Task<IResult> ReturnTicketAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/staff/tickets/{number}/return")] HttpRequest request, string number, [DurableClient] DurableTaskClient durable, CancellationToken cancellationToken) =>
        runner.RunAsync(request.HttpContext, number, StaffActions.ReturnTicket, cancellationToken);

    [Function("DecideReturn")]
    [EndpointSummary("A supervisor's final decision on a return. Needs If-Match with the ticket version.")]
    [Authorize(Policy = AssistPolicies.Supervisors)]
    [RequestBody(typeof(DecideReturnRequest))]
    [StaffActionResponses]
    [RequestSizeLimit(MutationSizeLimit)]
    public Task<IResult> DecideReturnAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/staff/tickets/{number}/return-decision")] HttpRequest request, string number, [DurableClient] DurableTaskClient durable, CancellationToken cancellationToken) =>
        runner.RunAsync(request.HttpContext, number, StaffActions.DecideReturn, cancellationToken);

    [Function("EscalateTicket")]
    [EndpointSummary("提级: escalates the ticket to HQ. Needs If-Match with the ticket version.")]
    [Authorize(Policy = AssistPolicies.Escalators)]
    [RequestBody(typeof(NoteRequest))]
    [StaffActionResponses]
    [RequestSizeLimit(MutationSizeLimit)]
    public Task<IResult> EscalateTicketAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/staff/tickets/{number}/escalation")] HttpRequest request, string number, [DurableClient] DurableTaskClient durable, CancellationToken cancellationToken) =>
        runner.RunAsync(request.HttpContext, number, StaffActions.EscalateTicket, cancellationToken);

    [Function("IssueSupervisionOrder")]
    [EndpointSummary("督办单: a supervision order with its own deadline (HQ leaders once the ticket is escalated to HQ). Needs If-Match with the ticket version.")]
    [Authorize(Policy = AssistPolicies.Escalators)]
    [RequestBody(typeof(IssueSupervisionOrderRequest))]
    [StaffActionResponses]
    [RequestSizeLimit(MutationSizeLimit)]
    public Task<IResult> IssueSupervisionOrderAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/staff/tickets/{number}/supervision-orders")] HttpRequest request, string number, [DurableClient] DurableTaskClient durable, CancellationToken cancellationToken) =>
        runner.RunAsync(request.HttpContext, number, StaffActions.IssueSupervisionOrder, cancellationToken);

    [Function("GiveInstruction")]
    [EndpointSummary("批示: an HQ leader's instruction on a ticket escalated to HQ, for the lead department to acknowledge. Needs If-Match with the ticket version.")]
    [Authorize(Policy = AssistPolicies.HqLeaders)]
    [RequestBody(typeof(GiveInstructionRequest))]
    [StaffActionResponses]
    [RequestSizeLimit(MutationSizeLimit)]
    public Task<IResult> GiveInstructionAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/staff/tickets/{number}/instructions")] HttpRequest request, string number, [DurableClient] DurableTaskClient durable, CancellationToken cancellationToken) =>
        runner.RunAsync(request.HttpContext, number, StaffActions.GiveInstruction, cancellationToken);

    [Function("AcknowledgeInstruction")]
    [EndpointSummary("签收批示: the lead department's head or the ticket's officer acknowledges the HQ instructions. Needs If-Match with the ticket version.")]
    [Authorize(Policy = AssistPolicies.DepartmentStaff)]
    [RequestBody(typeof(AcknowledgeInstructionRequest))]
    [StaffActionResponses]
    [RequestSizeLimit(MutationSizeLimit)]
    public Task<IResult> AcknowledgeInstructionAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/staff/tickets/{number}/instruction-acknowledgement")] HttpRequest request, string number, [DurableClient] DurableTaskClient durable, CancellationToken cancellationToken) =>
        runner.RunAsync(request.HttpContext, number, StaffActions.AcknowledgeInstruction, cancellationToken);
}
