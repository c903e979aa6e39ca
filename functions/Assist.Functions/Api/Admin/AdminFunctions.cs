using System.Globalization;
using System.Text.Json;
using Assist.Domain.Calendar;
using Assist.Domain.Common;
using Assist.Domain.Organization;
using Assist.Domain.Policies;
using Assist.Domain.Routing;
using Assist.Functions.Api.OpenApi;
using Assist.Functions.Api.Tickets;
using Assist.Functions.Security;
using Assist.Storage.Directory;
using Assist.Storage.Workflow;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Azure.Functions.Worker;
using RequestSizeLimitAttribute = Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute;

namespace Assist.Functions.Api.Admin;

/// <summary>
/// The directory as data, for administrators: departments, users and roles, topics, routing rules, SLA policies.
/// Calendar years are <see cref="CalendarYearFunctions"/>; the orchestrations' backlog and rebuilding the projections
/// are <see cref="AdminLifecycleFunctions"/>.
/// </summary>
[Tags("Administration")]
[Authorize(Policy = AssistPolicies.Administrators)]
[ProducesProblem(StatusCodes.Status401Unauthorized)]
[ProducesProblem(StatusCodes.Status403Forbidden)]
[RequestSizeLimit(1024 * 1024)]
public sealed class AdminFunctions(DirectoryStore directory)
{
    [Function("ListDirectory")]
    [EndpointSummary("Departments, users, topics, districts, routing rules, policies, weights.")]
    [Produces(StatusCodes.Status200OK, typeof(AdminDirectoryView))]
    public async Task<IResult> ListDirectoryAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/admin/directory")] HttpRequest request, CancellationToken cancellationToken)
    {
        var snapshot = await directory.GetAsync(cancellationToken);
        return Results.Ok(new AdminDirectoryView(snapshot.Organization, snapshot.Routing.Rules, snapshot.Policies, snapshot.Weights, snapshot.Version));
    }

    [Function("UpsertDepartment")]
    [EndpointSummary("Creates or changes a department.")]
    [RequestBody(typeof(UpsertDepartmentRequest))]
    [Produces(StatusCodes.Status200OK, typeof(Department))]
    [ProducesValidationProblem]
    public async Task<IResult> UpsertDepartmentAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "api/admin/departments/{departmentId}")] HttpRequest request,
        string departmentId,
        CancellationToken cancellationToken)
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

    [Function("UpsertUser")]
    [EndpointSummary("Creates or changes a staff user and their roles.")]
    [RequestBody(typeof(UpsertUserRequest))]
    [Produces(StatusCodes.Status200OK, typeof(StaffUser))]
    [ProducesValidationProblem]
    public async Task<IResult> UpsertUserAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "api/admin/users/{userId}")] HttpRequest request,
        string userId,
        CancellationToken cancellationToken)
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

    [Function("UpsertTopic")]
    [EndpointSummary("Creates or changes a topic (诉求类别).")]
    [RequestBody(typeof(UpsertTopicRequest))]
    [Produces(StatusCodes.Status200OK, typeof(TopicDefinition))]
    [ProducesValidationProblem]
    public async Task<IResult> UpsertTopicAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "api/admin/topics/{code}")] HttpRequest request,
        string code,
        CancellationToken cancellationToken)
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

    [Function("PutRoutingRules")]
    [EndpointSummary("Replaces the routing rules.")]
    [RequestBody(typeof(IReadOnlyList<RoutingRule>))]
    [Produces(StatusCodes.Status200OK, typeof(IReadOnlyList<RoutingRule>))]
    [ProducesValidationProblem]
    public async Task<IResult> PutRoutingRulesAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "api/admin/routing-rules")] HttpRequest request, CancellationToken cancellationToken)
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

    [Function("PutPolicies")]
    [EndpointSummary("Replaces the SLA policies and escalation ladder.")]
    [RequestBody(typeof(TicketPolicies))]
    [Produces(StatusCodes.Status200OK, typeof(TicketPolicies))]
    [ProducesValidationProblem]
    public async Task<IResult> PutPoliciesAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "api/admin/policies")] HttpRequest request, CancellationToken cancellationToken)
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
}
