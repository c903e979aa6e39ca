using Assist.Domain.Organization;
using Assist.Functions.Api.OpenApi;
using Assist.Functions.Api.Tickets;
using Assist.Functions.Security;
using Assist.Storage.Workflow;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Azure.Functions.Worker;

namespace Assist.Functions.Api.Staff;

/// <summary>
/// The staff lists, each one read-model partition read a page at a time in its display order: my desk, a department's
/// queue, the overdue board (searchable by ticket, enterprise, officer and status), the supervisors' worklist, my inbox.
/// </summary>
[Tags("Staff")]
[ProducesProblem(StatusCodes.Status401Unauthorized)]
[ProducesProblem(StatusCodes.Status403Forbidden)]
public sealed class StaffListFunctions(ReadModelStore views, MobileRevealAudit audit)
{
    private const string SearchText = "A ticket number (that ticket), an 18-character credit code, or part of an enterprise's name (any case); confidential tickets are never found by their enterprise.";
    private const string OfficerText = "Only the tickets of this officer (their id).";
    private const string StatusText = "Only tickets in this status (a TicketStatus name, e.g. InProgress).";

    [Function("ListMyTickets")]
    [EndpointSummary("The caller's desk: tickets they own, soonest deadline first, a page at a time, optionally searched.")]
    [Authorize(Policy = AssistPolicies.DepartmentStaff)]
    [Produces(StatusCodes.Status200OK, typeof(TicketPage))]
    [ProducesValidationProblem]
    [QueryParameter("q", SearchText)]
    [QueryParameter("officer", OfficerText)]
    [QueryParameter("status", StatusText)]
    [QueryParameter("pageSize", "Tickets per page, 1 to 200 (50 when absent).", IsWholeNumber = true)]
    [QueryParameter("continuationToken", "The token the previous page answered, for the next page.")]
    public Task<IResult> ListMyTicketsAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/staff/desk")] HttpRequest request, CancellationToken cancellationToken) =>
        TicketPageAsync(request, (search, size, token) => views.ListDeskAsync(request.HttpContext.User.UserId()!, search, size, token, cancellationToken));

    [Function("ListDepartmentQueue")]
    [EndpointSummary("A department's queue, soonest deadline first, a page at a time, optionally searched (heads see their own department; supervisors and HQ leaders any).")]
    [Authorize(Policy = AssistPolicies.QueueReaders)]
    [Produces(StatusCodes.Status200OK, typeof(TicketPage))]
    [ProducesValidationProblem]
    [QueryParameter("q", SearchText)]
    [QueryParameter("officer", OfficerText)]
    [QueryParameter("status", StatusText)]
    [QueryParameter("pageSize", "Tickets per page, 1 to 200 (50 when absent).", IsWholeNumber = true)]
    [QueryParameter("continuationToken", "The token the previous page answered, for the next page.")]
    public async Task<IResult> ListDepartmentQueueAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/staff/departments/{departmentId}/queue")] HttpRequest request,
        string departmentId,
        CancellationToken cancellationToken)
    {
        var user = request.HttpContext.User;
        var overseer = user.Has(StaffRole.Supervisor) || user.Has(StaffRole.HqLeader);
        if (!overseer && user.DepartmentId() != departmentId)
        {
            return ApiProblems.Forbidden(request, "Department heads see their own department's queue.", "部门负责人只能查看本部门的工单。");
        }

        if (departmentId.Length > 64)
        {
            return ApiProblems.NotFound(request, "The department", "该部门");
        }

        return await TicketPageAsync(request, (search, size, token) => views.ListDepartmentQueueAsync(departmentId, search, size, token, cancellationToken));
    }

    [Function("ListOverdue")]
    [EndpointSummary("The overdue board: HQ escalations and red cards first, then by working days overdue; a page at a time, optionally searched.")]
    [Authorize(Policy = AssistPolicies.Escalators)]
    [Produces(StatusCodes.Status200OK, typeof(TicketPage))]
    [ProducesValidationProblem]
    [QueryParameter("q", SearchText)]
    [QueryParameter("officer", OfficerText)]
    [QueryParameter("status", StatusText)]
    [QueryParameter("pageSize", "Tickets per page, 1 to 200 (50 when absent).", IsWholeNumber = true)]
    [QueryParameter("continuationToken", "The token the previous page answered, for the next page.")]
    public Task<IResult> ListOverdueAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/staff/overdue")] HttpRequest request, CancellationToken cancellationToken) =>
        TicketPageAsync(request, (search, size, token) => views.ListOverdueAsync(search, size, token, cancellationToken));

    [Function("ListPendingDecisions")]
    [EndpointSummary("The supervisors' worklist: returns and extensions waiting for a decision, oldest request first, each with the deadline for the decision.")]
    [Authorize(Policy = AssistPolicies.Supervisors)]
    [Produces(StatusCodes.Status200OK, typeof(PendingDecisionPage))]
    [ProducesValidationProblem]
    [QueryParameter("pageSize", "Requests per page, 1 to 200 (50 when absent).", IsWholeNumber = true)]
    [QueryParameter("continuationToken", "The token the previous page answered, for the next page.")]
    public Task<IResult> ListPendingDecisionsAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/staff/worklist")] HttpRequest request, CancellationToken cancellationToken) =>
        PageAsync(request, ReadModelStore.MaxPendingDecisionsPageSize, size => views.ListPendingDecisionsAsync(size, StaffListQuery.ContinuationToken(request.Query), cancellationToken));

    [Function("ListNotifications")]
    [EndpointSummary("The caller's in-app inbox, newest first, a page at a time; optionally one ticket's or only unread ones.")]
    [Authorize(Policy = AssistPolicies.Staff)]
    [Produces(StatusCodes.Status200OK, typeof(NotificationPage))]
    [ProducesValidationProblem]
    [QueryParameter("q", "Only the notifications of this ticket (its number).")]
    [QueryParameter("unread", "true: only unread notifications.")]
    [QueryParameter("pageSize", "Notifications per page, 1 to 200 (50 when absent).", IsWholeNumber = true)]
    [QueryParameter("continuationToken", "The token the previous page answered, for the next page.")]
    public async Task<IResult> ListNotificationsAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/staff/notifications")] HttpRequest request, CancellationToken cancellationToken)
    {
        if (StaffListQuery.ReadNotificationSearch(request.Query, out var search) is { } problem)
        {
            return Problem(request, problem);
        }

        return await PageAsync(request, ReadModelStore.MaxPageSize, size =>
            views.ListNotificationsAsync(request.HttpContext.User.UserId()!, search, size, StaffListQuery.ContinuationToken(request.Query), cancellationToken));
    }

    [Function("MarkNotificationRead")]
    [EndpointSummary("Marks one of the caller's notifications read.")]
    [Authorize(Policy = AssistPolicies.Staff)]
    [Produces(StatusCodes.Status204NoContent)]
    [ProducesProblem(StatusCodes.Status404NotFound)]
    public async Task<IResult> MarkNotificationReadAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/staff/notifications/{notificationId}/read")] HttpRequest request,
        string notificationId,
        CancellationToken cancellationToken)
    {
        var found = notificationId.Length <= 512 && await views.MarkNotificationReadAsync(request.HttpContext.User.UserId()!, notificationId, cancellationToken);
        return found ? Results.NoContent() : ApiProblems.NotFound(request, "The notification", "该通知");
    }

    [Function("ListMobileReveals")]
    [EndpointSummary("The audit of mobile-number reveals, newest first, optionally of one ticket (supervisors and administrators).")]
    [Authorize(Policy = AssistPolicies.RevealAuditReaders)]
    [Produces(StatusCodes.Status200OK, typeof(MobileRevealPage))]
    [ProducesValidationProblem]
    [QueryParameter("ticket", "Only the reveals of this ticket.")]
    [QueryParameter("pageSize", "Reveals per page, 1 to 200 (50 when absent).", IsWholeNumber = true)]
    [QueryParameter("continuationToken", "The token the previous page answered, for the next page.")]
    public async Task<IResult> ListRevealsAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/staff/reveals")] HttpRequest request, CancellationToken cancellationToken)
    {
        var ticket = request.Query["ticket"].ToString();
        if (ticket.Length > 0 && !TicketNumbers.IsPlausible(ticket))
        {
            return ApiProblems.Field(request, "ticket", "invalid-query", "ticket is a ticket number (letters, digits and hyphens).", "工单编号只能包含字母、数字和连字符。");
        }

        return await PageAsync(request, MobileRevealAudit.MaxPageSize, size =>
            audit.ListAsync(ticket.Length == 0 ? null : ticket, size, StaffListQuery.ContinuationToken(request.Query), cancellationToken));
    }

    private static int? PageSize(HttpRequest request, int max) => StaffListQuery.PageSize(request.Query, max);

    /// <summary>
    /// A page of a ticket list: the search and page parameters read and checked (a bad one is a problem naming it),
    /// then <paramref name="list"/> asked for the page.
    /// </summary>
    private static async Task<IResult> TicketPageAsync(HttpRequest request, Func<TicketSearch, int, string?, Task<TicketPage>> list)
    {
        if (StaffListQuery.ReadSearch(request.Query, out var search) is { } problem)
        {
            return Problem(request, problem);
        }

        return await PageAsync(request, ReadModelStore.MaxPageSize, size => list(search, size, StaffListQuery.ContinuationToken(request.Query)));
    }

    /// <summary>
    /// One page of a list, never cached: <c>pageSize</c> read and checked against <paramref name="maxPageSize"/>, then
    /// <paramref name="read"/> asked for the page; a continuation token the list did not issue (it throws
    /// <see cref="ArgumentException"/>) is a problem naming the field, as a bad page size is.
    /// </summary>
    private static async Task<IResult> PageAsync<T>(HttpRequest request, int maxPageSize, Func<int, Task<T>> read)
    {
        if (PageSize(request, maxPageSize) is not { } size)
        {
            return PageSizeProblem(request, maxPageSize);
        }

        try
        {
            request.HttpContext.Response.Headers.CacheControl = "no-store";
            return Results.Ok(await read(size));
        }
        catch (ArgumentException)
        {
            return ContinuationTokenProblem(request);
        }
    }

    private static IResult Problem(HttpRequest request, QueryProblem problem) =>
        ApiProblems.Field(request, problem.Field, "invalid-query", problem.Message, problem.MessageZh);

    private static IResult PageSizeProblem(HttpRequest request, int max) =>
        ApiProblems.Field(request, "pageSize", "invalid-query", $"pageSize is 1 to {max}.", $"每页条数应为 1 至 {max}。");

    private static IResult ContinuationTokenProblem(HttpRequest request) =>
        ApiProblems.Field(request, "continuationToken", "invalid-query", "The continuation token is not one this list issued.", "翻页标记无效，请从第一页重新查询。");
}
