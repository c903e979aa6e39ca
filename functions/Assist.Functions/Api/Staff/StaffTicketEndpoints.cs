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
            .WithSummary("Reveals the enterprise's mobile number to overseers, or to the department holding a ticket that is not confidential; every reveal is audited.")
            .RequireAuthorization(AssistPolicies.MobileRevealers).Produces<RevealedMobile>();

        Mutation(ticket, StaffActions.RouteTicket);
        Mutation(ticket, StaffActions.AssignOfficer);
        Mutation(ticket, StaffActions.ReassignOfficer);
        Mutation(ticket, StaffActions.CheckInTicket);
        Mutation(ticket, StaffActions.RecordContact);
        Mutation(ticket, StaffActions.RecordProgress);
        Mutation(ticket, StaffActions.RequestInformation);
        Mutation(ticket, StaffActions.ReplyToTicket);
        Mutation(ticket, StaffActions.RequestExtension);
        Mutation(ticket, StaffActions.DecideExtension);
        Mutation(ticket, StaffActions.ReturnTicket);
        Mutation(ticket, StaffActions.DecideReturn);
        Mutation(ticket, StaffActions.EscalateTicket);
        Mutation(ticket, StaffActions.IssueSupervisionOrder);
        return endpoints;
    }

    private static void Mutation<TBody>(RouteGroupBuilder group, StaffAction<TBody> action)
        where TBody : class
    {
        group.MapPost(action.Path, (string number, HttpContext http, StaffCommandRunner runner, CancellationToken cancellationToken) =>
                runner.RunAsync(http, number, action, cancellationToken))
            .WithName(action.OperationId)
            .WithSummary(action.Summary + " Needs If-Match with the ticket version.")
            .RequireAuthorization(action.Policy)
            .Accepts<TBody>("application/json")
            .Produces<StaffTicketView>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status428PreconditionRequired)
            .WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(256 * 1024));
    }

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

        var revealed = await audit.RevealAsync(http.User, ticket!, ClientAddress.Of(http), cancellationToken);
        if (revealed is null)
        {
            return ApiProblems.Forbidden(
                http.Request,
                "Only supervisors, HQ leaders, administrators or, unless the ticket is confidential, the department holding it may reveal the mobile number.",
                "只有督查室、指挥部领导、管理员，或在工单非保密时正在办理该工单的部门，可以查看完整手机号码。");
        }

        http.Response.Headers.CacheControl = "no-store";
        return Results.Ok(revealed);
    }
}
