using Assist.Domain.Organization;
using Assist.Functions.Api.Tickets;
using Assist.Functions.Security;
using Assist.Storage.Workflow;

namespace Assist.Functions.Api.Staff;

/// <summary>The staff lists, each one read-model partition: my desk, a department's queue, the overdue board, my inbox.</summary>
public static class StaffListEndpoints
{
    public static IEndpointRouteBuilder MapStaffListEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var staff = endpoints.MapGroup("/api/staff")
            .WithTags("Staff")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);

        staff.MapGet("/desk", ListMyTicketsAsync).WithName("ListMyTickets").WithSummary("The caller's desk: tickets they own.")
            .RequireAuthorization(AssistPolicies.DepartmentStaff).Produces<IReadOnlyList<TicketSummary>>();
        staff.MapGet("/departments/{departmentId}/queue", ListDepartmentQueueAsync).WithName("ListDepartmentQueue")
            .WithSummary("A department's queue (heads see their own department; supervisors and HQ leaders any).")
            .RequireAuthorization(AssistPolicies.QueueReaders).Produces<IReadOnlyList<TicketSummary>>();
        staff.MapGet("/overdue", ListOverdueAsync).WithName("ListOverdue").WithSummary("The overdue board: red cards first, then by working days overdue.")
            .RequireAuthorization(AssistPolicies.Escalators).Produces<IReadOnlyList<TicketSummary>>();
        staff.MapGet("/notifications", ListNotificationsAsync).WithName("ListNotifications").WithSummary("The caller's in-app inbox, newest first.")
            .RequireAuthorization(AssistPolicies.Staff).Produces<IReadOnlyList<Notification>>();
        staff.MapPost("/notifications/{notificationId}/read", MarkNotificationReadAsync).WithName("MarkNotificationRead").WithSummary("Marks one of the caller's notifications read.")
            .RequireAuthorization(AssistPolicies.Staff).Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status404NotFound);
        staff.MapGet("/reveals", ListRevealsAsync).WithName("ListMobileReveals")
            .WithSummary("The audit of mobile-number reveals, newest first, optionally of one ticket (supervisors and administrators).")
            .RequireAuthorization(AssistPolicies.RevealAuditReaders).Produces<MobileRevealPage>().ProducesValidationProblem();
        return endpoints;
    }

    private static async Task<IResult> ListMyTicketsAsync(HttpContext http, ReadModelStore views, CancellationToken cancellationToken) =>
        Results.Ok(await views.ListDeskAsync(http.User.UserId()!, cancellationToken));

    private static async Task<IResult> ListDepartmentQueueAsync(string departmentId, HttpContext http, ReadModelStore views, CancellationToken cancellationToken)
    {
        var user = http.User;
        var overseer = user.Has(StaffRole.Supervisor) || user.Has(StaffRole.HqLeader);
        if (!overseer && user.DepartmentId() != departmentId)
        {
            return ApiProblems.Forbidden(http.Request, "Department heads see their own department's queue.", "部门负责人只能查看本部门的工单。");
        }

        if (departmentId.Length > 64)
        {
            return ApiProblems.NotFound(http.Request, "The department", "该部门");
        }

        return Results.Ok(await views.ListDepartmentQueueAsync(departmentId, cancellationToken));
    }

    private static async Task<IResult> ListOverdueAsync(ReadModelStore views, CancellationToken cancellationToken) =>
        Results.Ok(await views.ListOverdueAsync(cancellationToken));

    private static async Task<IResult> ListNotificationsAsync(HttpContext http, ReadModelStore views, CancellationToken cancellationToken) =>
        Results.Ok(await views.ListNotificationsAsync(http.User.UserId()!, cancellationToken));

    private static async Task<IResult> ListRevealsAsync(
        HttpContext http, MobileRevealAudit audit, string? ticket, string? pageSize, string? continuationToken, CancellationToken cancellationToken)
    {
        var request = http.Request;
        ticket = string.IsNullOrEmpty(ticket) ? null : ticket;
        if (ticket is not null && !TicketNumbers.IsPlausible(ticket))
        {
            return ApiProblems.Field(request, "ticket", "invalid-query", "ticket is a ticket number (letters, digits and hyphens).", "工单编号只能包含字母、数字和连字符。");
        }

        // Parsed here rather than bound as int?, so "pageSize=abc" is answered like any other bad page size, by name.
        var size = 50;
        if (!string.IsNullOrEmpty(pageSize) && !int.TryParse(pageSize, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out size))
        {
            size = 0;
        }

        if (size is < 1 or > MobileRevealAudit.MaxPageSize)
        {
            return ApiProblems.Field(request, "pageSize", "invalid-query", $"pageSize is 1 to {MobileRevealAudit.MaxPageSize}.", $"每页条数应为 1 至 {MobileRevealAudit.MaxPageSize}。");
        }

        try
        {
            http.Response.Headers.CacheControl = "no-store";
            return Results.Ok(await audit.ListAsync(ticket, size, string.IsNullOrEmpty(continuationToken) ? null : continuationToken, cancellationToken));
        }
        catch (ArgumentException)
        {
            return ApiProblems.Field(request, "continuationToken", "invalid-query", "The continuation token is not one this list issued.", "翻页标记无效，请从第一页重新查询。");
        }
    }

    private static async Task<IResult> MarkNotificationReadAsync(string notificationId, HttpContext http, ReadModelStore views, CancellationToken cancellationToken)
    {
        var found = notificationId.Length <= 512 && await views.MarkNotificationReadAsync(http.User.UserId()!, notificationId, cancellationToken);
        return found ? Results.NoContent() : ApiProblems.NotFound(http.Request, "The notification", "该通知");
    }
}
