using Assist.Domain.Organization;
using Assist.Domain.Scoring;
using Assist.Domain.Tickets;
using Assist.Functions.Api.Reports;
using Assist.Functions.Resources;
using Assist.Functions.Web;
using Assist.Functions.Security;
using Assist.Storage.Directory;
using Assist.Storage.Reports;
using Assist.Storage.Reports.Exports;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Assist.Functions.Pages.Reports;

/// <summary>
/// The ledger (台账) with its filters, a page at a time, and the export links carrying the same filters. Department
/// heads see their own department, without confidential enterprises; overseers see everything.
/// </summary>
[Authorize(Policy = ReportAccess.LedgerReaders)]
public sealed class LedgerModel(ReportService reports, DirectoryStore directory, TimeProvider time) : PageModel
{
    public const int PageSize = 50;

    public ReportPeriod Period { get; private set; } = null!;

    public bool Overseer { get; private set; }

    public IReadOnlyList<LedgerLine> Lines { get; private set; } = [];

    public string? NextToken { get; private set; }

    public LedgerLabels Labels { get; private set; } = null!;

    public IReadOnlyList<Department> Departments { get; private set; } = [];

    public IReadOnlyList<StaffUser> Officers { get; private set; } = [];

    public IReadOnlyList<TopicDefinition> Topics { get; private set; } = [];

    [BindProperty(SupportsGet = true)]
    public string? Department { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Topic { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Status { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool? Overdue { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Enterprise { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Officer { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ContinuationToken { get; set; }

    public async Task<IActionResult> OnGetAsync(string? period, CancellationToken cancellationToken)
    {
        if (ReportAccess.Period(period, time.GetUtcNow(), quarter: false) is not { } parsed)
        {
            return PageProblem.BadRequest(HttpContext, UiText.Pick(ReportParameters.Period));
        }

        if (ModelState.TryGetValue(nameof(Overdue), out var overdue) && overdue.Errors.Count > 0)
        {
            // The only filter bound as other than text: "overdue=maybe" is named, not silently dropped.
            return PageProblem.BadRequest(HttpContext, UiText.Pick(ReportParameters.Overdue));
        }

        Period = parsed;
        Overseer = User.OverseesAllTickets();
        var (query, error, forbidden) = ReportAccess.Ledger(User, parsed, Blank(Department), Blank(Topic), Blank(Status), Overdue, Blank(Enterprise), Blank(Officer));
        if (forbidden)
        {
            return Forbid();
        }

        if (error is not null)
        {
            return PageProblem.BadRequest(HttpContext, UiText.Pick(ReportParameters.Filter(error)));
        }

        Department = query!.DepartmentId;
        var snapshot = await directory.GetAsync(cancellationToken);
        Labels = new LedgerLabels(snapshot, !Web.PageCulture.IsEnglish);
        Departments = [.. snapshot.Organization.Departments.Where(d => d.Active && (Overseer || d.Id == Department))];
        Officers = [.. snapshot.Organization.Staff.Where(u => u.Has(StaffRole.LiaisonOfficer) && (Overseer || u.DepartmentId == Department)).OrderBy(u => u.DepartmentId, StringComparer.Ordinal)];
        Topics = [.. snapshot.Organization.Topics.Where(t => t.Active)];
        try
        {
            var page = await reports.QueryLedgerAsync(query, PageSize, Blank(ContinuationToken), cancellationToken);
            Lines = page.Items;
            NextToken = page.ContinuationToken;
        }
        catch (ArgumentException)
        {
            return PageProblem.BadRequest(HttpContext, UiText.Pick(ReportParameters.ContinuationToken));
        }

        return Page();
    }

    /// <summary>This page's filters as a query string, for the next page and the exports.</summary>
    public string Query(string? token = null, string? lang = null)
    {
        var values = new Dictionary<string, string?>
        {
            ["period"] = Period.ToString(),
            ["department"] = Blank(Department),
            ["topic"] = Blank(Topic),
            ["status"] = Blank(Status),
            ["overdue"] = Overdue?.ToString().ToLowerInvariant(),
            ["enterprise"] = Blank(Enterprise),
            ["officer"] = Blank(Officer),
            ["continuationToken"] = token,
            ["lang"] = lang,
        };
        return Microsoft.AspNetCore.Http.QueryString.Create(values.Where(v => v.Value is not null)).Value ?? "";
    }

    public static IEnumerable<TicketStatus> Statuses => Enum.GetValues<TicketStatus>().Where(s => s != TicketStatus.New);

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
