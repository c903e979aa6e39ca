using Assist.Functions.Lifecycle;
using System.Globalization;
using System.Text.Json;
using Assist.Domain.Calendar;
using Assist.Domain.Common;
using Assist.Domain.Organization;
using Assist.Domain.Policies;
using Assist.Domain.Routing;
using Assist.Functions.Api.Tickets;
using Assist.Functions.Security;
using Assist.Storage.Directory;
using Assist.Storage.Workflow;
using Microsoft.Extensions.Options;

namespace Assist.Functions.Api.Admin;

/// <summary>
/// The directory as data, for administrators: departments, users and roles, topics, routing rules, SLA policies,
/// calendar years (open deadlines are recomputed by the engine), rebuilding the projections, and how far this
/// instance's background dispatch is behind.
/// </summary>
public static class AdminEndpoints
{
    public static IEndpointRouteBuilder MapAdminEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var admin = endpoints.MapGroup("/api/admin")
            .WithTags("Administration")
            .RequireAuthorization(AssistPolicies.Administrators)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(1024 * 1024));

        admin.MapGet("/directory", ListAsync).WithName("ListDirectory").WithSummary("Departments, users, topics, districts, routing rules, policies, weights.")
            .Produces<AdminDirectoryView>();
        admin.MapPut("/departments/{departmentId}", UpsertDepartmentAsync).WithName("UpsertDepartment").WithSummary("Creates or changes a department.")
            .Accepts<UpsertDepartmentRequest>("application/json").Produces<Department>().ProducesValidationProblem();
        admin.MapPut("/users/{userId}", UpsertUserAsync).WithName("UpsertUser").WithSummary("Creates or changes a staff user and their roles.")
            .Accepts<UpsertUserRequest>("application/json").Produces<StaffUser>().ProducesValidationProblem();
        admin.MapPut("/topics/{code}", UpsertTopicAsync).WithName("UpsertTopic").WithSummary("Creates or changes a topic (诉求类别).")
            .Accepts<UpsertTopicRequest>("application/json").Produces<TopicDefinition>().ProducesValidationProblem();
        admin.MapPut("/routing-rules", PutRoutingRulesAsync).WithName("PutRoutingRules").WithSummary("Replaces the routing rules.")
            .Accepts<IReadOnlyList<RoutingRule>>("application/json").Produces<IReadOnlyList<RoutingRule>>().ProducesValidationProblem();
        admin.MapPut("/policies", PutPoliciesAsync).WithName("PutPolicies").WithSummary("Replaces the SLA policies and escalation ladder.")
            .Accepts<TicketPolicies>("application/json").Produces<TicketPolicies>().ProducesValidationProblem();
        admin.MapPut("/calendar-years/{year:int}", PutCalendarYearAsync).WithName("PutCalendarYear")
            .WithSummary("Loads a year's official calendar (holiday-cn JSON); provisional deadlines are recomputed.")
            .Accepts<JsonElement>("application/json").Produces(StatusCodes.Status204NoContent).ProducesValidationProblem();
        admin.MapPost("/projections/rebuild", RebuildAsync).WithName("RebuildProjections")
            .WithSummary("Rebuilds every read model and counter from the events (scans tickets).")
            .Produces<RebuildAnswer>();
        admin.MapGet("/lifecycle", GetLifecycleStatusAsync).WithName("GetLifecycleStatus")
            .WithSummary("The ticket orchestrations' backlog: submissions not yet scheduled, looks not yet done, activity failures.")
            .Produces<LifecycleStatus>();
        return endpoints;
    }

    private static async Task<IResult> ListAsync(DirectoryStore directory, CancellationToken cancellationToken)
    {
        var snapshot = await directory.GetAsync(cancellationToken);
        return Results.Ok(new AdminDirectoryView(snapshot.Organization, snapshot.Routing.Rules, snapshot.Policies, snapshot.Weights, snapshot.Version));
    }

    private static async Task<IResult> UpsertDepartmentAsync(string departmentId, HttpRequest request, DirectoryStore directory, CancellationToken cancellationToken)
    {
        var body = await ApiJson.ReadAsync<UpsertDepartmentRequest>(request, cancellationToken);
        if (body.Problem is { } bad)
        {
            return bad;
        }

        var checks = AdminChecks.Department(departmentId, body.Value!);
        if (checks.Problem(request) is { } invalid)
        {
            return invalid;
        }

        var department = new Department(departmentId, body.Value!.Name!.Trim(), body.Value!.IsHqOffice ?? false, body.Value!.Active ?? true);
        await directory.UpsertDepartmentAsync(department, cancellationToken);
        return Results.Ok(department);
    }

    private static async Task<IResult> UpsertUserAsync(string userId, HttpRequest request, DirectoryStore directory, CancellationToken cancellationToken)
    {
        var body = await ApiJson.ReadAsync<UpsertUserRequest>(request, cancellationToken);
        if (body.Problem is { } bad)
        {
            return bad;
        }

        var user = body.Value!;
        var checks = AdminChecks.User(userId, user, (await directory.GetAsync(cancellationToken)).Organization);
        if (checks.Problem(request) is { } invalid)
        {
            return invalid;
        }

        var staff = new StaffUser(userId, user.Name!.Trim(), user.DepartmentId, (user.Roles ?? []).Distinct().ToValueList(), user.Active ?? true);
        await directory.UpsertUserAsync(staff, cancellationToken);
        return Results.Ok(staff);
    }

    private static async Task<IResult> UpsertTopicAsync(string code, HttpRequest request, DirectoryStore directory, CancellationToken cancellationToken)
    {
        var body = await ApiJson.ReadAsync<UpsertTopicRequest>(request, cancellationToken);
        if (body.Problem is { } bad)
        {
            return bad;
        }

        var checks = AdminChecks.Topic(code, body.Value!);
        if (checks.Problem(request) is { } invalid)
        {
            return invalid;
        }

        var topic = new TopicDefinition(code, body.Value!.NameZh!.Trim(), body.Value!.NameEn!.Trim(), body.Value!.Active ?? true);
        await directory.UpsertTopicAsync(topic, cancellationToken);
        return Results.Ok(topic);
    }

    private static async Task<IResult> PutRoutingRulesAsync(HttpRequest request, DirectoryStore directory, CancellationToken cancellationToken)
    {
        var body = await ApiJson.ReadAsync<List<RoutingRule>>(request, cancellationToken, strict: true);
        if (body.Problem is { } bad)
        {
            return bad;
        }

        var rules = body.Value!;
        var snapshot = await directory.GetAsync(cancellationToken);
        var checks = AdminChecks.RoutingRules(rules, snapshot.Organization);
        if (checks.Problem(request) is { } invalid)
        {
            return invalid;
        }

        var normalized = rules.Select(r => r with { CoHandlerDepartmentIds = r.CoHandlerDepartmentIds ?? ValueList.Empty<string>() }).ToList();
        await directory.PutRoutingRulesAsync(normalized, cancellationToken);
        return Results.Ok(normalized);
    }

    private static async Task<IResult> PutPoliciesAsync(HttpRequest request, DirectoryStore directory, CancellationToken cancellationToken)
    {
        var body = await ApiJson.ReadAsync<TicketPolicies>(request, cancellationToken, strict: true);
        if (body.Problem is { } bad)
        {
            return bad;
        }

        if (AdminChecks.Policies(body.Value!).Problem(request) is { } invalid)
        {
            return invalid;
        }

        await directory.PutPoliciesAsync(body.Value!, cancellationToken);
        return Results.Ok(body.Value);
    }

    private static async Task<IResult> PutCalendarYearAsync(int year, HttpRequest request, DirectoryStore directory, CancellationToken cancellationToken)
    {
        var body = await ApiJson.ReadAsync<JsonDocument>(request, cancellationToken);
        if (body.Problem is { } bad)
        {
            return bad;
        }

        using var document = body.Value!;
        if (year is < 2000 or > 2100)
        {
            return ApiProblems.Field(request, "year", "year.range", "The year must be between 2000 and 2100.", "年份须在2000至2100之间。");
        }

        try
        {
            await directory.PutCalendarYearAsync(year, document.RootElement.GetRawText(), cancellationToken);
        }
        catch (CalendarDataException exception)
        {
            return ApiProblems.Field(request, "body", "calendar.invalid",
                string.Create(CultureInfo.InvariantCulture, $"Not a valid calendar for {year}: {exception.Message}"),
                string.Create(CultureInfo.InvariantCulture, $"不是有效的{year}年日历：{exception.MessageZh}"));
        }

        return Results.NoContent();
    }

    private static async Task<IResult> GetLifecycleStatusAsync(
        ScheduleMarkers markers,
        DurableTicketLifecycle lifecycle,
        LifecycleMonitor monitor,
        DurableTaskSettings engine,
        CancellationToken cancellationToken)
    {
        var delays = monitor.ScheduleDelays.Select(d => d.TotalMilliseconds).Order().ToList();
        double? Percentile(double p) => delays.Count == 0 ? null : delays[Math.Min(delays.Count - 1, (int)Math.Ceiling(p * delays.Count) - 1)];
        return Results.Ok(new LifecycleStatus(
            engine.HubName,
            engine.PartitionCount,
            await markers.CountPendingAsync(cancellationToken),
            lifecycle.Queued,
            monitor.Awaited,
            monitor.Failures,
            monitor.RecentFailure,
            Percentile(0.50),
            Percentile(0.95)));
    }

    private static async Task<IResult> RebuildAsync(TicketService tickets, CancellationToken cancellationToken)
    {
        var report = await tickets.RebuildProjectionsAsync(cancellationToken);
        return Results.Ok(new RebuildAnswer(report.Tickets, report.Rows));
    }
}
