using Assist.Domain.Organization;
using Assist.Domain.Tickets;
using Assist.Functions.Api.Staff;
using Assist.Functions.Api.Tickets;
using Assist.Functions.Security;
using Assist.Functions.Web;
using Assist.Storage.Directory;
using Assist.Storage.Workflow;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Azure.Functions.Worker;
using UiText = Assist.Functions.Resources.UiText;

namespace Assist.Functions.Components.Staff;

/// <summary>
/// The staff lists as pages: the desk, a department's queue, the overdue board, the supervisors' worklist, the inbox
/// (with its mark-read form) and the audit of mobile reveals. Every one is for signed-in staff; each list adds the roles it is for. HEAD is
/// answered as GET.
/// </summary>
[Authorize(Policy = AssistPolicies.Staff)]
[ExcludeFromDescription]
public sealed class StaffPageFunctions(ReadModelStore views, DirectoryStore directory, MobileRevealAudit audit)
{
    private const int RevealsPageSize = 50;
    private const int WorklistPageSize = 50;

    /// <summary>Tickets (and notifications) on one page of a staff list.</summary>
    private const int ListPageSize = ReadModelStore.DefaultPageSize;

    /// <summary>
    /// 我的工作台: the tickets the officer owns, soonest deadline first, 50 a page, searchable (ticket number, credit code or
    /// part of the enterprise's name; status). Staff without a desk (supervisors, HQ leaders, administrators) are sent to
    /// their own start page: <c>/staff</c> is where sign-in links lead.
    /// </summary>
    [Function("StaffDeskPage")]
    public async Task<IResult> DeskAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "staff")] HttpRequest request, CancellationToken cancellationToken)
    {
        var user = request.HttpContext.User;
        if (!StaffHome.HasDesk(user))
        {
            return Results.LocalRedirect(StaffHome.Of(user));
        }

        var snapshot = await directory.GetAsync(cancellationToken);
        var (page, filters) = await ReadListAsync(request, "/staff", [], (search, size, token) => views.ListDeskAsync(user.UserId()!, search, size, token, cancellationToken));
        return PageResults.Render<Desk>(PageContext.For(request), new
        {
            snapshot.Policies.Ladder,
            Filters = filters,
            List = new TicketListModel(page.Items, snapshot.Organization, ShowOfficer: false, TestId: "desk", EmptyText: Empty(filters)),
        }, Status(filters));
    }

    /// <summary>
    /// A department's queue, soonest deadline first, 50 a page, searchable (ticket, enterprise, officer, status); the
    /// page's yellow-card (and worse) items are repeated on top. Heads see their own department; supervisors and HQ
    /// leaders pick any. Reassignment is on the ticket page.
    /// </summary>
    [Function("StaffQueuePage")]
    [Authorize(Policy = AssistPolicies.QueueReaders)]
    public async Task<IResult> QueueAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "staff/queue/{departmentId?}")] HttpRequest request,
        string? departmentId,
        CancellationToken cancellationToken)
    {
        var user = request.HttpContext.User;
        var snapshot = await directory.GetAsync(cancellationToken);
        var organization = snapshot.Organization;
        var overseer = user.Has(StaffRole.Supervisor) || user.Has(StaffRole.HqLeader);
        IReadOnlyList<Department> departments = [.. organization.Departments.Where(d => d.Active)];
        var chosen = departmentId ?? user.DepartmentId() ?? (departments.Count > 0 ? departments[0].Id : null);
        if (chosen is null || organization.FindDepartment(chosen) is not { } department)
        {
            return PageResults.Error(PageContext.For(request), StatusCodes.Status404NotFound);
        }

        if (!overseer && chosen != user.DepartmentId())
        {
            return PageResults.Error(PageContext.For(request), StatusCodes.Status403Forbidden);
        }

        var (page, filters) = await ReadListAsync(
            request,
            "/staff/queue/" + Uri.EscapeDataString(chosen),
            Officers(organization, chosen),
            (search, size, token) => views.ListDepartmentQueueAsync(chosen, search, size, token, cancellationToken));
        return PageResults.Render<Queue>(PageContext.For(request), new
        {
            snapshot.Policies.Ladder,
            DepartmentId = chosen,
            DepartmentName = department.Name,
            Overseer = overseer,
            Departments = departments,
            Filters = filters,
            Escalated = new TicketListModel([.. page.Items.Where(t => t.Level >= AttentionLevel.Yellow)], organization, TestId: "queue-escalated"),
            All = new TicketListModel(page.Items, organization, TestId: "queue", EmptyText: Empty(filters)),
        }, Status(filters));
    }

    /// <summary>
    /// The supervisor's overdue board (HQ escalations and red cards first, then by working days overdue, as the read
    /// model keys it), 50 a page, searchable; and the returns waiting for a decision (one status-filtered query per
    /// department queue, like the scorecard). Extension, return, supervision-order and HQ decisions are taken on the
    /// ticket page.
    /// </summary>
    [Function("StaffOverduePage")]
    [Authorize(Policy = AssistPolicies.Escalators)]
    public async Task<IResult> OverdueAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "staff/overdue")] HttpRequest request, CancellationToken cancellationToken)
    {
        var snapshot = await directory.GetAsync(cancellationToken);
        var organization = snapshot.Organization;
        var (page, filters) = await ReadListAsync(request, "/staff/overdue", Officers(organization, null), (search, size, token) => views.ListOverdueAsync(search, size, token, cancellationToken));
        var returns = new Dictionary<string, TicketSummary>(StringComparer.Ordinal);
        var returning = new TicketSearch { Status = TicketStatus.ReturnRequested };
        foreach (var department in organization.Departments.Where(d => d.Active))
        {
            foreach (var ticket in (await views.ListDepartmentQueueAsync(department.Id, returning, ReadModelStore.MaxPageSize, cancellationToken: cancellationToken)).Items)
            {
                returns[ticket.Number] = ticket;
            }
        }

        return PageResults.Render<Overdue>(PageContext.For(request), new
        {
            snapshot.Policies.Ladder,
            Filters = filters,
            Board = new TicketListModel(page.Items, organization, TestId: "overdue", EmptyText: Empty(filters)),
            Returns = new TicketListModel(TicketListModel.ByUrgency(returns.Values), organization, TestId: "returns"),
        }, Status(filters));
    }

    /// <summary>
    /// The supervisors' worklist: returns and extensions waiting for a decision, oldest request first, with the deadline
    /// for each decision, a page at a time (<c>?continuationToken=</c>); the decisions are taken on the ticket page, so
    /// each item links to its form there. Supervisors only: they are the ones who decide (HQ leaders have the overdue
    /// board). A page marker it did not issue is a 400 page that says why.
    /// </summary>
    [Function("StaffWorklistPage")]
    [Authorize(Policy = AssistPolicies.Supervisors)]
    public async Task<IResult> WorklistAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "staff/worklist")] HttpRequest request, CancellationToken cancellationToken)
    {
        var continuationToken = request.Query["continuationToken"].FirstOrDefault();
        continuationToken = string.IsNullOrEmpty(continuationToken) ? null : continuationToken;
        PendingDecisionPage page;
        try
        {
            page = await views.ListPendingDecisionsAsync(WorklistPageSize, continuationToken, cancellationToken);
        }
        catch (ArgumentException)
        {
            return PageResults.Render<Worklist>(
                PageContext.For(request),
                new { ContinuationToken = continuationToken, Problem = UiText.WorklistBadToken },
                StatusCodes.Status400BadRequest);
        }

        return PageResults.Render<Worklist>(PageContext.For(request), new
        {
            ContinuationToken = continuationToken,
            page.Items,
            NextToken = page.ContinuationToken,
        });
    }

    /// <summary>
    /// The in-app inbox: reminders, yellow and red cards, supervision orders, HQ escalations, newest first. Its form
    /// posts to <c>?handler=Read</c> (with the notification's <c>id</c>) and comes back here.
    /// </summary>
    [Function("StaffInboxPage")]
    public async Task<IResult> InboxAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", "post", Route = "staff/inbox")] HttpRequest request, CancellationToken cancellationToken)
    {
        var userId = request.HttpContext.User.UserId()!;
        if (!HttpMethods.IsPost(request.Method))
        {
            return await InboxPageAsync(request, userId, cancellationToken);
        }

        if (await PageForms.ReadAsync(request, cancellationToken) is not { } form)
        {
            return PageResults.BadRequest(PageContext.For(request));
        }

        if (!string.Equals(request.Query["handler"].FirstOrDefault(), "Read", StringComparison.OrdinalIgnoreCase))
        {
            return PageResults.Error(PageContext.For(request), StatusCodes.Status404NotFound);
        }

        var id = PageForms.Bound(form, request, "id");
        if (string.IsNullOrEmpty(id) || !await views.MarkNotificationReadAsync(userId, id, cancellationToken))
        {
            return PageResults.Error(PageContext.For(request), StatusCodes.Status404NotFound);
        }

        return Results.Redirect(StaffHome.Inbox);
    }

    /// <summary>
    /// The audit of mobile-number reveals for supervisors and administrators: who revealed which ticket's number, when,
    /// under which role, newest first, optionally for one ticket (<c>?ticket=</c>); a page at a time
    /// (<c>?continuationToken=</c>). A query it cannot answer is a 400 page that says why.
    /// </summary>
    [Function("StaffRevealsPage")]
    [Authorize(Policy = AssistPolicies.RevealAuditReaders)]
    public async Task<IResult> RevealsAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "staff/reveals")] HttpRequest request, CancellationToken cancellationToken)
    {
        var ticket = request.Query["ticket"].FirstOrDefault();
        ticket = string.IsNullOrWhiteSpace(ticket) ? null : ticket.Trim();
        var continuationToken = request.Query["continuationToken"].FirstOrDefault();
        continuationToken = string.IsNullOrEmpty(continuationToken) ? null : continuationToken;
        IResult Refused(string problem) => PageResults.Render<Reveals>(
            PageContext.For(request),
            new { Ticket = ticket, ContinuationToken = continuationToken, Problem = problem },
            StatusCodes.Status400BadRequest);

        if (ticket is not null && !TicketNumbers.IsPlausible(ticket))
        {
            return Refused(UiText.RevealsBadTicket);
        }

        MobileRevealPage page;
        try
        {
            page = await audit.ListAsync(ticket, RevealsPageSize, continuationToken, cancellationToken);
        }
        catch (ArgumentException)
        {
            return Refused(UiText.RevealsBadToken);
        }

        return PageResults.Render<Reveals>(PageContext.For(request), new
        {
            Ticket = ticket,
            ContinuationToken = continuationToken,
            page.Items,
            NextToken = page.ContinuationToken,
        });
    }

    /// <summary>
    /// A page of a ticket list as the search form asks: its filters read (a refused one, or a page marker this list did
    /// not issue, leaves the list empty and says why on a 400 page), then the page: 50 tickets unless <c>pageSize</c>
    /// asks otherwise (1 to 200, as in the API).
    /// </summary>
    private static async Task<(TicketPage Page, TicketListFilters Filters)> ReadListAsync(
        HttpRequest request, string path, IReadOnlyList<StaffUser> officers, Func<TicketSearch, int, string?, Task<TicketPage>> list)
    {
        var query = request.Query;
        var continuationToken = StaffListQuery.ContinuationToken(query);
        var pageSize = Trimmed(query["pageSize"]);
        var asked = new TicketListFilters(path, TicketSearch.None, officers, continuationToken)
        {
            Text = Trimmed(query["q"]),
            OfficerId = Trimmed(query["officer"]),
            Status = Trimmed(query["status"]),
            PageSize = pageSize,
        };
        if (StaffListQuery.ReadSearch(query, out var search) is { } problem)
        {
            return (new TicketPage([], null), asked with { Problem = problem.Field switch
            {
                "officer" => UiText.SearchBadOfficer,
                "status" => UiText.SearchBadStatus,
                _ => UiText.SearchBadText,
            } });
        }

        if (StaffListQuery.PageSize(query, ReadModelStore.MaxPageSize) is not { } size)
        {
            return (new TicketPage([], null), asked with { Problem = UiText.SearchBadPageSize(ReadModelStore.MaxPageSize) });
        }

        try
        {
            var page = await list(search, size, continuationToken);
            return (page, new TicketListFilters(path, search, officers, continuationToken, page.ContinuationToken) { PageSize = pageSize });
        }
        catch (ArgumentException)
        {
            return (new TicketPage([], null), asked with { Problem = UiText.WorklistBadToken });
        }
    }

    /// <summary>The inbox page: a search by ticket number and unread, 50 a page.</summary>
    private async Task<IResult> InboxPageAsync(HttpRequest request, string userId, CancellationToken cancellationToken)
    {
        var query = request.Query;
        var continuationToken = StaffListQuery.ContinuationToken(query);
        var ticket = Trimmed(query["q"]);
        var unread = string.Equals(Trimmed(query["unread"]), "true", StringComparison.OrdinalIgnoreCase);
        IResult Refused(string problem) => PageResults.Render<Inbox>(
            PageContext.For(request),
            new { Ticket = ticket, UnreadOnly = unread, ContinuationToken = continuationToken, Problem = problem },
            StatusCodes.Status400BadRequest);

        if (StaffListQuery.ReadNotificationSearch(query, out var search) is not null)
        {
            return Refused(UiText.InboxBadTicket);
        }

        NotificationPage page;
        try
        {
            page = await views.ListNotificationsAsync(userId, search, ListPageSize, continuationToken, cancellationToken);
        }
        catch (ArgumentException)
        {
            return Refused(UiText.WorklistBadToken);
        }

        return PageResults.Render<Inbox>(PageContext.For(request), new
        {
            Ticket = ticket,
            UnreadOnly = search.UnreadOnly,
            ContinuationToken = continuationToken,
            Notifications = page.Items,
            NextToken = page.ContinuationToken,
        });
    }

    /// <summary>The officers a list can be narrowed to: the liaison officers (of one department, when given).</summary>
    private static IReadOnlyList<StaffUser> Officers(OrganizationDirectory organization, string? departmentId) =>
        [.. organization.Staff.Where(u => u.Active && u.Roles.Contains(StaffRole.LiaisonOfficer) && (departmentId is null || u.DepartmentId == departmentId))];

    private static string? Empty(TicketListFilters filters) => filters.IsSearch ? UiText.NoMatches : null;

    private static int Status(TicketListFilters filters) => filters.Problem is null ? StatusCodes.Status200OK : StatusCodes.Status400BadRequest;

    private static string? Trimmed(Microsoft.Extensions.Primitives.StringValues value) =>
        value.ToString().Trim() is { Length: > 0 } text ? text : null;

    /// <summary>The colour of a notification in the inbox, by its kind.</summary>
    public static string LevelOf(string kind) => kind switch
    {
        nameof(EscalationRung.BlueReminder) => nameof(AttentionLevel.Blue),
        nameof(EscalationRung.ContributionReminder) => nameof(AttentionLevel.Blue),
        nameof(EscalationRung.YellowCard) or nameof(EscalationRung.SignInOverdue) or nameof(EscalationRung.ContributionOverdue) => nameof(AttentionLevel.Yellow),
        TicketNotifications.Kinds.HqEscalation => nameof(AttentionLevel.Hq),
        nameof(EscalationRung.RedCard) or nameof(EscalationRung.SupervisionOrderOverdue) or nameof(EscalationRung.ReturnDecisionOverdue)
            or nameof(EscalationRung.ExtensionDecisionOverdue) or nameof(EscalationRung.ContributionRedCard) or TicketNotifications.Kinds.SupervisionOrder => nameof(AttentionLevel.Red),
        // Work arriving (an assignment, a request, a decision, an answer) is news, not an alarm.
        _ => nameof(AttentionLevel.None),
    };

    /// <summary>The role's name in the page language (the stored name when it is not a known role).</summary>
    public static string RoleName(string? role) =>
        Enum.TryParse<StaffRole>(role, ignoreCase: false, out var parsed) && Enum.IsDefined(parsed) ? UiText.Role(parsed) : role ?? "—";
}
