using System.Globalization;
using Assist.Domain.Organization;
using Assist.Domain.Tickets;
using Assist.Functions.Api.CommonIssues;
using Assist.Functions.Api.Tickets;
using Assist.Functions.Security;
using Assist.Functions.Web;
using Assist.Storage.CommonIssues;
using Assist.Storage.Directory;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using UiText = Assist.Functions.Resources.UiText;

namespace Assist.Functions.Components.Staff;

/// <summary>
/// 共性问题 as pages: the list (the most open members first) with, for supervisors, the groups Assist suggests and a form
/// to group each; one issue with its members, the lead department's answer form and the supervisors' add-a-ticket form.
/// Forms post back (?handler=Create, Answer, Add) and redirect to the issue with what was done (post, redirect, get).
/// Who may see and do what is as in the API (<see cref="CommonIssueFunctions"/>).
/// </summary>
[Authorize(Policy = AssistPolicies.Staff)]
[ExcludeFromDescription]
public sealed class CommonIssuePageFunctions(CommonIssueService issues, DirectoryStore directory)
{
    [Function("StaffCommonIssuesPage")]
    public async Task<IResult> ListAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", "post", Route = "staff/common-issues")] HttpRequest request,
        [DurableClient] DurableTaskClient durable,
        CancellationToken cancellationToken)
    {
        var page = PageContext.For(request);
        var user = request.HttpContext.User;
        if (!HttpMethods.IsPost(request.Method))
        {
            return await RenderListAsync(page, user, null, StatusCodes.Status200OK, cancellationToken);
        }

        if (!string.Equals(request.Query["handler"].FirstOrDefault(), "Create", StringComparison.OrdinalIgnoreCase))
        {
            return PageResults.Error(page, StatusCodes.Status404NotFound);
        }

        if (!user.Has(StaffRole.Supervisor))
        {
            return PageResults.Error(page, StatusCodes.Status403Forbidden);
        }

        if (await PageForms.ReadAsync(request, cancellationToken) is not { } form)
        {
            return PageResults.BadRequest(page);
        }

        var title = form.Value("title")?.Trim();
        var lead = form.Value("leadDepartmentId")?.Trim();
        var tickets = form["tickets"].Where(t => !string.IsNullOrWhiteSpace(t)).Select(t => t!.Trim()).ToList();
        var organization = (await directory.GetAsync(cancellationToken)).Organization;
        string? problem = string.IsNullOrEmpty(title) || title.Length > 200 ? UiText.CommonIssueTitle
            : lead is null || organization.FindDepartment(lead) is null ? UiText.CommonIssueLeadDepartment
            : tickets.Count is 0 or > 100 || !tickets.All(TicketNumbers.IsPlausible) ? UiText.CommonIssueMembers
            : null;
        if (problem is not null)
        {
            return await RenderListAsync(page, user, UiText.Pick($"请检查：{problem}", $"Check: {problem}"), StatusCodes.Status400BadRequest, cancellationToken);
        }

        var change = await issues.CreateAsync(title!, lead!, tickets, user.Actor(), cancellationToken);
        if (change.Issue is not { } created)
        {
            return await RenderListAsync(page, user, NotDone(change.Outcomes), StatusCodes.Status409Conflict, cancellationToken);
        }

        return Results.Redirect(Done($"/staff/common-issues/{created.Id}", change.Outcomes));
    }

    [Function("StaffCommonIssuePage")]
    public async Task<IResult> IssueAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", "post", Route = "staff/common-issues/{id}")] HttpRequest request,
        string id,
        [DurableClient] DurableTaskClient durable,
        CancellationToken cancellationToken)
    {
        var page = PageContext.For(request);
        var user = request.HttpContext.User;
        if (!CommonIssueService.IsId(id) || await issues.GetAsync(id, cancellationToken) is not { } issue)
        {
            return PageResults.Error(page, StatusCodes.Status404NotFound, UiText.CommonIssueNotFound);
        }

        var mayAnswer = user.DepartmentId() == issue.Issue.LeadDepartmentId;
        if (!user.OverseesAllTickets() && !mayAnswer)
        {
            return PageResults.Error(page, StatusCodes.Status403Forbidden);
        }

        if (!HttpMethods.IsPost(request.Method))
        {
            return await RenderIssueAsync(page, user, issue, request.Query["done"].FirstOrDefault(), null, StatusCodes.Status200OK, cancellationToken);
        }

        if (await PageForms.ReadAsync(request, cancellationToken) is not { } form)
        {
            return PageResults.BadRequest(page);
        }

        switch (request.Query["handler"].FirstOrDefault()?.ToUpperInvariant())
        {
            case "ANSWER" when mayAnswer:
                var answer = form.Value("answer")?.Trim();
                bool? resolved = form.Value("resolved") switch { "true" => true, "false" => false, _ => null };
                if (string.IsNullOrEmpty(answer) || answer.Length > RequestChecks.MaxText || resolved is null)
                {
                    return await RenderIssueAsync(page, user, issue, null, UiText.Pick("请填写答复内容并选择是否已解决。", "Enter the answer and say whether the problem was solved."), StatusCodes.Status400BadRequest, cancellationToken);
                }

                var outcomes = await issues.AnswerAsync(id, answer, resolved.Value, user.Actor(), cancellationToken) ?? [];
                return Results.Redirect(Done($"/staff/common-issues/{id}", outcomes));
            case "ADD" when user.Has(StaffRole.Supervisor):
                var tickets = form["tickets"].Where(t => !string.IsNullOrWhiteSpace(t)).Select(t => t!.Trim()).ToList();
                if (tickets.Count == 0 || !tickets.All(TicketNumbers.IsPlausible))
                {
                    return await RenderIssueAsync(page, user, issue, null, UiText.Pick("请填写有效的工单编号。", "Enter a valid ticket number."), StatusCodes.Status400BadRequest, cancellationToken);
                }

                var change = await issues.AddMembersAsync(id, tickets, user.Actor(), cancellationToken);
                return Results.Redirect(Done($"/staff/common-issues/{id}", change?.Outcomes ?? []));
            case "ANSWER" or "ADD":
                return PageResults.Error(page, StatusCodes.Status403Forbidden);
            default:
                return PageResults.Error(page, StatusCodes.Status404NotFound);
        }
    }

    /// <summary>Where to go after a post: the issue, with what was done (counts and each refusal) in the query string.</summary>
    private static string Done(string path, IReadOnlyList<MemberOutcome> outcomes)
    {
        var done = outcomes.Count(o => o.Done);
        var notDone = outcomes.Where(o => !o.Done).Select(o => o.Number + ":" + o.Rejection?.Code).ToList();
        return path + QueryString.Create("done", string.Create(CultureInfo.InvariantCulture, $"{done}|{string.Join(',', notDone)}")).ToUriComponent();
    }

    private static string NotDone(IReadOnlyList<MemberOutcome> outcomes) =>
        string.Join(UiText.Pick("；", "; "), outcomes.Where(o => !o.Done).Select(o => UiText.CommonIssueNotDone(o.Number, o.Rejection is { } r ? UiText.Pick(r.ReasonZh, r.Reason) : "")));

    /// <summary>The "done" query value as the reader's sentence: how many were done and, by number, which were not.</summary>
    private static string? DoneText(string? done)
    {
        if (string.IsNullOrEmpty(done) || done.Split('|', 2) is not [var count, var rest] || !int.TryParse(count, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
        {
            return null;
        }

        var notDone = rest.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(part => part.Split(':', 2)[0]).Where(TicketNumbers.IsPlausible).ToList();
        var text = UiText.CommonIssueOutcome(n, notDone.Count);
        return notDone.Count == 0 ? text : text + " " + string.Join(UiText.ListSeparator, notDone);
    }

    private async Task<IResult> RenderListAsync(PageContext page, System.Security.Claims.ClaimsPrincipal user, string? problem, int status, CancellationToken cancellationToken)
    {
        var organization = (await directory.GetAsync(cancellationToken)).Organization;
        var visible = (await issues.ListAsync(cancellationToken))
            .Where(i => user.OverseesAllTickets() || user.DepartmentId() == i.Issue.LeadDepartmentId)
            .Select(i => CommonIssueMapper.View(i, organization, user))
            .ToList();
        IReadOnlyList<SuggestedGroupView>? suggestions = null;
        if (user.Has(StaffRole.Supervisor))
        {
            suggestions = [.. (await issues.SuggestGroupsAsync(cancellationToken))
                .Select(g => new SuggestedGroupView(g[0].Topic, g[0].District, [.. g.Select(t => new CandidateView(t.Number, t.Title, t.ReceivedAt, null))]))];
        }

        return PageResults.Render<CommonIssues>(page, new
        {
            Issues = (IReadOnlyList<CommonIssueView>)visible,
            Suggestions = suggestions,
            Departments = (IReadOnlyList<Department>)[.. organization.Departments.Where(d => d.Active && !d.IsHqOffice)],
            Problem = problem,
        }, status);
    }

    private async Task<IResult> RenderIssueAsync(PageContext page, System.Security.Claims.ClaimsPrincipal user, CommonIssueWithMembers issue, string? done, string? problem, int status, CancellationToken cancellationToken) =>
        PageResults.Render<CommonIssue>(page, new
        {
            Issue = CommonIssueMapper.View(issue, (await directory.GetAsync(cancellationToken)).Organization, user),
            MayAnswer = user.DepartmentId() == issue.Issue.LeadDepartmentId,
            MayAdd = user.Has(StaffRole.Supervisor),
            Done = DoneText(done),
            Problem = problem,
        }, status);
}
