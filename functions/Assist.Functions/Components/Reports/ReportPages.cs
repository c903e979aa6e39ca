using Assist.Domain.Organization;
using Assist.Domain.Scoring;
using Assist.Functions.Api.Reports;
using Assist.Functions.Resources;
using Assist.Functions.Security;
using Assist.Functions.Web;
using Assist.Storage.Directory;
using Assist.Storage.Reports;
using Assist.Storage.Reports.Exports;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Azure.Functions.Worker;

namespace Assist.Functions.Components.Reports;

/// <summary>
/// The report pages: the ledger (台账) for department heads (their own department, without confidential enterprises)
/// and overseers; the scorecard, the quarterly 奖牌榜, the monthly 通报 (laid out to print) and the charts for
/// supervisors, HQ leaders and administrators.
/// </summary>
[ExcludeFromDescription]
public sealed class ReportPages(ReportService reports, DirectoryStore directory, Assist.Storage.CommonIssues.CommonIssueService commonIssues, TimeProvider time)
{
    /// <summary>The report pages' own style sheet.</summary>
    public static readonly IReadOnlyList<string> Stylesheets = ["/css/reports.css"];

    [Function("ReportsPage")]
    [Authorize(Policy = ReportAccess.LedgerReaders)]
    public static IResult Home([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "reports")] HttpRequest request) =>
        PageResults.Render<ReportsHome>(PageContext.For(request));

    [Function("ScorecardPage")]
    [Authorize(Policy = ReportAccess.ReportReaders)]
    public async Task<IResult> ScorecardAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "reports/scorecard")] HttpRequest request, CancellationToken cancellationToken)
    {
        var page = PageContext.For(request);
        if (ReportAccess.Period(request.Query["period"], time.GetUtcNow(), quarter: false) is not { } period)
        {
            return PageResults.BadRequest(page, UiText.Pick(ReportParameters.Period));
        }

        var snapshot = await directory.GetAsync(cancellationToken);
        var report = await reports.GetScorecardAsync(period, 3, cancellationToken);
        var chinese = !page.IsEnglish;
        return PageResults.Render<ScorecardReport>(page, new
        {
            Period = period,
            Scorecard = ReportPresenter.Scorecard(report, snapshot),
            OnTimeChart = ReportCharts.OnTimeRates(report.Lines, id => ReportPresenter.DepartmentName(snapshot, id), period.ToString(), chinese),
            SatisfactionChart = ReportCharts.Satisfaction(report.Total, period.ToString(), chinese),
        });
    }

    [Function("MedalsPage")]
    [Authorize(Policy = ReportAccess.ReportReaders)]
    public async Task<IResult> MedalsAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "reports/medals")] HttpRequest request, CancellationToken cancellationToken)
    {
        var page = PageContext.For(request);
        if (ReportAccess.Period(request.Query["quarter"], time.GetUtcNow(), quarter: true) is not { IsQuarter: true } period)
        {
            return PageResults.BadRequest(page, UiText.Pick(ReportParameters.Quarter));
        }

        var medals = ReportPresenter.Medals(await reports.GetMedalTableAsync(period, cancellationToken), await directory.GetAsync(cancellationToken));
        return PageResults.Render<MedalsReport>(page, new { Period = period, Medals = medals });
    }

    [Function("BulletinPage")]
    [Authorize(Policy = ReportAccess.ReportReaders)]
    public async Task<IResult> BulletinAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "reports/bulletin")] HttpRequest request, CancellationToken cancellationToken)
    {
        var page = PageContext.For(request);
        if (ReportAccess.Period(request.Query["month"], time.GetUtcNow(), quarter: false) is not { IsQuarter: false } period)
        {
            return PageResults.BadRequest(page, UiText.Pick(ReportParameters.Month));
        }

        var bulletin = await reports.GetBulletinAsync(period, 3, cancellationToken);
        var snapshot = await directory.GetAsync(cancellationToken);
        var issues = ReportPresenter.CommonIssues(await commonIssues.ListAsync(cancellationToken), period, snapshot);
        return PageResults.Render<BulletinReport>(page, new
        {
            Period = period,
            Bulletin = ReportPresenter.Bulletin(bulletin, snapshot, !page.IsEnglish, issues),
        });
    }

    [Function("ChartsPage")]
    [Authorize(Policy = ReportAccess.ReportReaders)]
    public async Task<IResult> ChartsAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "reports/charts")] HttpRequest request, CancellationToken cancellationToken)
    {
        var page = PageContext.For(request);
        if (ReportAccess.Period(request.Query["period"], time.GetUtcNow(), quarter: false) is not { } period)
        {
            return PageResults.BadRequest(page, UiText.Pick(ReportParameters.Period));
        }

        var chinese = !page.IsEnglish;
        var snapshot = await directory.GetAsync(cancellationToken);
        var scorecard = await reports.GetScorecardAsync(period, 0, cancellationToken);
        IReadOnlyList<string> svgs =
        [
            ReportCharts.Backlog(await reports.GetBacklogAsync(period, cancellationToken), period.ToString(), chinese),
            ReportCharts.OnTimeRates(scorecard.Lines, id => ReportPresenter.DepartmentName(snapshot, id), period.ToString(), chinese),
            ReportCharts.Satisfaction(scorecard.Total, period.ToString(), chinese),
        ];
        return PageResults.Render<ChartsReport>(page, new { Period = period, Svgs = svgs });
    }

    /// <summary>The ledger with its filters, a page at a time, and the export links carrying the same filters.</summary>
    [Function("LedgerPage")]
    [Authorize(Policy = ReportAccess.LedgerReaders)]
    public async Task<IResult> LedgerAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "reports/ledger")] HttpRequest request, CancellationToken cancellationToken)
    {
        var page = PageContext.For(request);
        var query = request.Query;
        if (ReportAccess.Period(query["period"], time.GetUtcNow(), quarter: false) is not { } period)
        {
            return PageResults.BadRequest(page, UiText.Pick(ReportParameters.Period));
        }

        bool? overdue = null;
        if (Blank(query["overdue"]) is { } overdueText)
        {
            // The only filter that is not text: "overdue=maybe" is named, not silently dropped.
            if (!bool.TryParse(overdueText, out var parsed))
            {
                return PageResults.BadRequest(page, UiText.Pick(ReportParameters.Overdue));
            }

            overdue = parsed;
        }

        var user = page.User;
        var overseer = user.OverseesAllTickets();
        var (ledger, error, forbidden) = ReportAccess.Ledger(
            user, period, Blank(query["department"]), Blank(query["topic"]), Blank(query["status"]), overdue, Blank(query["enterprise"]), Blank(query["officer"]));
        if (forbidden)
        {
            return Results.Forbid();
        }

        if (error is not null)
        {
            return PageResults.BadRequest(page, UiText.Pick(ReportParameters.Filter(error)));
        }

        var filters = new LedgerFilters(
            ledger!.DepartmentId, Blank(query["topic"]), Blank(query["status"]), overdue, Blank(query["enterprise"]), Blank(query["officer"]), Blank(query["continuationToken"]));
        var snapshot = await directory.GetAsync(cancellationToken);
        var organization = snapshot.Organization;
        try
        {
            var lines = await reports.QueryLedgerAsync(ledger, LedgerView.PageSize, filters.ContinuationToken, cancellationToken);
            return PageResults.Render<LedgerReport>(page, new
            {
                Model = new LedgerView(
                    period,
                    filters,
                    overseer,
                    lines.Items,
                    lines.ContinuationToken,
                    new LedgerLabels(snapshot, !page.IsEnglish),
                    [.. organization.Departments.Where(d => d.Active && (overseer || d.Id == filters.Department))],
                    [.. organization.Staff.Where(u => u.Has(StaffRole.LiaisonOfficer) && (overseer || u.DepartmentId == filters.Department)).OrderBy(u => u.DepartmentId, StringComparer.Ordinal)],
                    [.. organization.Topics.Where(t => t.Active)]),
            });
        }
        catch (ArgumentException)
        {
            return PageResults.BadRequest(page, UiText.Pick(ReportParameters.ContinuationToken));
        }
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
