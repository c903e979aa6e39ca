using Assist.Domain.Organization;
using Assist.Functions.Api.OpenApi;
using Assist.Functions.Api.Tickets;
using Assist.Functions.Security;
using Assist.Storage.CommonIssues;
using Assist.Storage.Directory;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using RequestSizeLimitAttribute = Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute;

namespace Assist.Functions.Api.CommonIssues;

/// <summary>
/// 共性问题 (common issues): supervisors group tickets that describe the same problem — Assist suggests which — under one
/// lead department, whose staff give one coordinated answer that becomes every waiting member's reply. Supervisors and
/// HQ leaders see every issue, the largest open first; a department's staff see the issues their department leads.
/// </summary>
[Tags("Common issues")]
[ProducesProblem(StatusCodes.Status401Unauthorized)]
[ProducesProblem(StatusCodes.Status403Forbidden)]
[RequestSizeLimit(256 * 1024)]
public sealed class CommonIssueFunctions(CommonIssueService issues, DirectoryStore directory)
{
    private const int MaxTicketsPerRequest = 100;

    [Function("ListCommonIssues")]
    [EndpointSummary("The common issues (共性问题) the caller may see, the most open members first.")]
    [Authorize(Policy = AssistPolicies.Staff)]
    [Produces(StatusCodes.Status200OK, typeof(IReadOnlyList<CommonIssueView>))]
    public async Task<IResult> ListAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/staff/common-issues")] HttpRequest request, CancellationToken cancellationToken)
    {
        var user = request.HttpContext.User;
        var organization = (await directory.GetAsync(cancellationToken)).Organization;
        var visible = (await issues.ListAsync(cancellationToken)).Where(i => MaySee(user, i));
        request.HttpContext.Response.Headers.CacheControl = "no-store";
        return Results.Ok(visible.Select(i => CommonIssueMapper.View(i, organization, user)).ToList());
    }

    [Function("GetCommonIssue")]
    [EndpointSummary("One common issue with its members as they stand.")]
    [Authorize(Policy = AssistPolicies.Staff)]
    [Produces(StatusCodes.Status200OK, typeof(CommonIssueView))]
    [ProducesProblem(StatusCodes.Status404NotFound)]
    public async Task<IResult> GetAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/staff/common-issues/{id}")] HttpRequest request, string id, CancellationToken cancellationToken)
    {
        var user = request.HttpContext.User;
        if (!CommonIssueService.IsId(id) || await issues.GetAsync(id, cancellationToken) is not { } issue)
        {
            return NotFound(request);
        }

        if (!MaySee(user, issue))
        {
            return ApiProblems.Forbidden(request, "Only supervisors, HQ leaders and the lead department see this common issue.", "只有督查人员、指挥部领导和牵头部门可以查看该共性问题。");
        }

        request.HttpContext.Response.Headers.CacheControl = "no-store";
        return Results.Ok(CommonIssueMapper.View(issue, (await directory.GetAsync(cancellationToken)).Organization, user));
    }

    [Function("SuggestCommonIssues")]
    [EndpointSummary("Tickets that look like one problem (same topic and district, similar titles, received within 30 days): groups among open tickets, or the tickets like one ticket.")]
    [Authorize(Policy = AssistPolicies.Supervisors)]
    [Produces(StatusCodes.Status200OK, typeof(IReadOnlyList<SuggestedGroupView>))]
    [ProducesValidationProblem]
    [ProducesProblem(StatusCodes.Status404NotFound)]
    [QueryParameter("ticket", "Only the open tickets like this one.")]
    public async Task<IResult> SuggestAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/staff/common-issue-suggestions")] HttpRequest request, CancellationToken cancellationToken)
    {
        var ticket = request.Query["ticket"].ToString();
        request.HttpContext.Response.Headers.CacheControl = "no-store";
        if (ticket.Length == 0)
        {
            var groups = await issues.SuggestGroupsAsync(cancellationToken);
            return Results.Ok(groups.Select(g => new SuggestedGroupView(g[0].Topic, g[0].District, [.. g.Select(t => new CandidateView(t.Number, t.Title, t.ReceivedAt, null))])).ToList());
        }

        if (!TicketNumbers.IsPlausible(ticket))
        {
            return ApiProblems.Field(request, "ticket", "invalid-query", "ticket is a ticket number (letters, digits and hyphens).", "工单编号只能包含字母、数字和连字符。");
        }

        if (await issues.SuggestForAsync(ticket, cancellationToken) is not { } like)
        {
            return ApiProblems.NotFound(request, "The ticket", "该工单");
        }

        return Results.Ok(like.Count == 0
            ? []
            : new[] { new SuggestedGroupView(like[0].Ticket.Topic, like[0].Ticket.District, [.. like.Select(c => new CandidateView(c.Ticket.Number, c.Ticket.Title, c.Ticket.ReceivedAt, Math.Round(c.Similarity, 2)))]) });
    }

    [Function("CreateCommonIssue")]
    [EndpointSummary("Groups tickets into a new common issue under a lead department (supervisors). Answers 201 with the issue and what became of each ticket; nothing is stored when no ticket may join.")]
    [Authorize(Policy = AssistPolicies.Supervisors)]
    [RequestBody(typeof(CreateCommonIssueRequest))]
    [Produces(StatusCodes.Status201Created, typeof(CommonIssueChangeView))]
    [ProducesValidationProblem]
    [ProducesProblem(StatusCodes.Status409Conflict)]
    public async Task<IResult> CreateAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/staff/common-issues")] HttpRequest request, [DurableClient] DurableTaskClient durable, CancellationToken cancellationToken)
    {
        var body = await ApiJson.ReadAsync<CreateCommonIssueRequest>(request, cancellationToken);
        if (body.Problem is { } bad)
        {
            return bad;
        }

        var organization = (await directory.GetAsync(cancellationToken)).Organization;
        var checks = new RequestChecks().Text("title", body.Value!.Title, "title", "共性问题名称").Text("leadDepartmentId", body.Value.LeadDepartmentId, "lead department", "牵头部门");
        if (body.Value.LeadDepartmentId is { Length: > 0 } lead && organization.FindDepartment(lead) is null)
        {
            checks.Add("leadDepartmentId", "leadDepartmentId.unknown", $"Department '{lead}' does not exist or is inactive.", $"部门“{lead}”不存在或已停用。");
        }

        CheckTickets(checks, body.Value.Tickets);
        if (checks.Problem(request) is { } invalid)
        {
            return invalid;
        }

        var user = request.HttpContext.User;
        var change = await issues.CreateAsync(body.Value.Title!.Trim(), body.Value.LeadDepartmentId!, [.. body.Value.Tickets!.Select(t => t.Trim())], user.Actor(), cancellationToken);
        var chinese = ApiLanguage.PrefersChinese(request);
        var outcomes = change.Outcomes.Select(o => CommonIssueMapper.Outcome(o, chinese)).ToList();
        if (change.Issue is not { } created)
        {
            return Results.Problem(
                title: ApiLanguage.Pick(request, "No ticket could join.", "没有可以归并的工单。"),
                detail: string.Join(chinese ? "；" : "; ", outcomes.Select(o => $"{o.Number}: {o.Reason}")),
                statusCode: StatusCodes.Status409Conflict,
                type: ProblemTypes.Prefix + "no-ticket-joined",
                extensions: new Dictionary<string, object?> { [ApiProblems.CodeKey] = "no-ticket-joined", ["outcomes"] = outcomes });
        }

        var view = await issues.GetAsync(created.Id, cancellationToken);
        return Results.Created($"/api/staff/common-issues/{created.Id}", new CommonIssueChangeView(CommonIssueMapper.View(view!, organization, user), outcomes));
    }

    [Function("AddCommonIssueMembers")]
    [EndpointSummary("Adds tickets to a common issue (supervisors); answers what became of each.")]
    [Authorize(Policy = AssistPolicies.Supervisors)]
    [RequestBody(typeof(AddCommonIssueMembersRequest))]
    [Produces(StatusCodes.Status200OK, typeof(CommonIssueChangeView))]
    [ProducesValidationProblem]
    [ProducesProblem(StatusCodes.Status404NotFound)]
    public async Task<IResult> AddMembersAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/staff/common-issues/{id}/members")] HttpRequest request, string id, [DurableClient] DurableTaskClient durable, CancellationToken cancellationToken)
    {
        if (!CommonIssueService.IsId(id))
        {
            return NotFound(request);
        }

        var body = await ApiJson.ReadAsync<AddCommonIssueMembersRequest>(request, cancellationToken);
        if (body.Problem is { } bad)
        {
            return bad;
        }

        if (CheckTickets(new RequestChecks(), body.Value!.Tickets).Problem(request) is { } invalid)
        {
            return invalid;
        }

        var user = request.HttpContext.User;
        if (await issues.AddMembersAsync(id, [.. body.Value.Tickets!.Select(t => t.Trim())], user.Actor(), cancellationToken) is not { } change)
        {
            return NotFound(request);
        }

        var chinese = ApiLanguage.PrefersChinese(request);
        var view = await issues.GetAsync(id, cancellationToken);
        return Results.Ok(new CommonIssueChangeView(CommonIssueMapper.View(view!, (await directory.GetAsync(cancellationToken)).Organization, user), [.. change.Outcomes.Select(o => CommonIssueMapper.Outcome(o, chinese))]));
    }

    [Function("AnswerCommonIssue")]
    [EndpointSummary("The lead department's coordinated answer: recorded on the issue and given as the reply (答复) of every member waiting for one; each enterprise confirms and rates its own ticket.")]
    [Authorize(Policy = AssistPolicies.DepartmentStaff)]
    [RequestBody(typeof(AnswerCommonIssueRequest))]
    [Produces(StatusCodes.Status200OK, typeof(CommonIssueChangeView))]
    [ProducesValidationProblem]
    [ProducesProblem(StatusCodes.Status404NotFound)]
    public async Task<IResult> AnswerAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/staff/common-issues/{id}/answer")] HttpRequest request, string id, [DurableClient] DurableTaskClient durable, CancellationToken cancellationToken)
    {
        if (!CommonIssueService.IsId(id) || await issues.GetAsync(id, cancellationToken) is not { } issue)
        {
            return NotFound(request);
        }

        var user = request.HttpContext.User;
        if (user.DepartmentId() != issue.Issue.LeadDepartmentId)
        {
            return ApiProblems.Forbidden(request, "Only the lead department's staff answer a common issue.", "只有牵头部门工作人员可以答复共性问题。");
        }

        var body = await ApiJson.ReadAsync<AnswerCommonIssueRequest>(request, cancellationToken);
        if (body.Problem is { } bad)
        {
            return bad;
        }

        var checks = new RequestChecks().Text("answer", body.Value!.Answer, "answer", "答复内容").Present("resolved", body.Value.Resolved, "whether the problem was solved", "是否已解决");
        if (checks.Problem(request) is { } invalid)
        {
            return invalid;
        }

        var outcomes = await issues.AnswerAsync(id, body.Value.Answer!, body.Value.Resolved!.Value, user.Actor(), cancellationToken);
        var chinese = ApiLanguage.PrefersChinese(request);
        var view = await issues.GetAsync(id, cancellationToken);
        return Results.Ok(new CommonIssueChangeView(CommonIssueMapper.View(view!, (await directory.GetAsync(cancellationToken)).Organization, user), [.. (outcomes ?? []).Select(o => CommonIssueMapper.Outcome(o, chinese))]));
    }

    /// <summary>Overseers see every issue; a department's staff the issues it leads.</summary>
    private static bool MaySee(System.Security.Claims.ClaimsPrincipal user, CommonIssueWithMembers issue) =>
        user.OverseesAllTickets() || (user.DepartmentId() is { } department && department == issue.Issue.LeadDepartmentId);

    private static RequestChecks CheckTickets(RequestChecks checks, IReadOnlyList<string>? tickets)
    {
        if (tickets is null || tickets.Count == 0)
        {
            return checks.Add("tickets", "tickets.required", "Name at least one ticket.", "请至少选择一件工单。");
        }

        if (tickets.Count > MaxTicketsPerRequest)
        {
            return checks.Add("tickets", "tickets.too-many", $"Name at most {MaxTicketsPerRequest} tickets at once.", $"一次最多选择{MaxTicketsPerRequest}件工单。");
        }

        for (var i = 0; i < tickets.Count; i++)
        {
            if (!TicketNumbers.IsPlausible(tickets[i]?.Trim() ?? ""))
            {
                checks.Add($"tickets[{i}]", "tickets.invalid", "A ticket number has letters, digits and hyphens.", "工单编号只能包含字母、数字和连字符。");
            }
        }

        return checks;
    }

    private static IResult NotFound(HttpRequest request) => ApiProblems.NotFound(request, "The common issue", "该共性问题");
}
