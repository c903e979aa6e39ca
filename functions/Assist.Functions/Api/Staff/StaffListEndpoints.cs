using Assist.Domain.Organization;
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

    private static async Task<IResult> MarkNotificationReadAsync(string notificationId, HttpContext http, ReadModelStore views, CancellationToken cancellationToken)
    {
        var found = notificationId.Length <= 512 && await views.MarkNotificationReadAsync(http.User.UserId()!, notificationId, cancellationToken);
        return found ? Results.NoContent() : ApiProblems.NotFound(http.Request, "The notification", "该通知");
    }
}
