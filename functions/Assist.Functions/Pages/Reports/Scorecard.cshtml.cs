using Assist.Domain.Scoring;
using Assist.Functions.Api.Reports;
using Assist.Functions.Resources;
using Assist.Functions.Web;
using Assist.Storage.Directory;
using Assist.Storage.Reports;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Assist.Functions.Pages.Reports;

/// <summary>The scorecard of a month or quarter with the on-time and satisfaction charts: supervisors, HQ leaders, administrators.</summary>
[Authorize(Policy = ReportAccess.ReportReaders)]
public sealed class ScorecardModel(ReportService reports, DirectoryStore directory, TimeProvider time) : PageModel
{
    public ReportPeriod Period { get; private set; } = null!;

    public ScorecardView Scorecard { get; private set; } = null!;

    public string OnTimeChart { get; private set; } = "";

    public string SatisfactionChart { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(string? period, CancellationToken cancellationToken)
    {
        if (ReportAccess.Period(period, time.GetUtcNow(), quarter: false) is not { } parsed)
        {
            return PageProblem.BadRequest(HttpContext, UiText.Pick(ReportParameters.Period));
        }

        Period = parsed;
        var snapshot = await directory.GetAsync(cancellationToken);
        var report = await reports.GetScorecardAsync(parsed, 3, cancellationToken);
        Scorecard = ReportPresenter.Scorecard(report, snapshot);
        var chinese = !Web.PageCulture.IsEnglish;
        OnTimeChart = ReportCharts.OnTimeRates(report.Lines, id => ReportPresenter.DepartmentName(snapshot, id), parsed.ToString(), chinese);
        SatisfactionChart = ReportCharts.Satisfaction(report.Total, parsed.ToString(), chinese);
        return Page();
    }
}
