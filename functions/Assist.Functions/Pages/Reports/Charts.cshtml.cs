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

/// <summary>The three charts of a period, inline SVG rendered on the server.</summary>
[Authorize(Policy = ReportAccess.ReportReaders)]
public sealed class ChartsModel(ReportService reports, DirectoryStore directory, TimeProvider time) : PageModel
{
    public ReportPeriod Period { get; private set; } = null!;

    public IReadOnlyList<string> Charts { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string? period, CancellationToken cancellationToken)
    {
        if (ReportAccess.Period(period, time.GetUtcNow(), quarter: false) is not { } parsed)
        {
            return PageProblem.BadRequest(HttpContext, UiText.Pick(ReportParameters.Period));
        }

        Period = parsed;
        var chinese = !Web.PageCulture.IsEnglish;
        var snapshot = await directory.GetAsync(cancellationToken);
        var scorecard = await reports.GetScorecardAsync(parsed, 0, cancellationToken);
        Charts =
        [
            ReportCharts.Backlog(await reports.GetBacklogAsync(parsed, cancellationToken), parsed.ToString(), chinese),
            ReportCharts.OnTimeRates(scorecard.Lines, id => ReportPresenter.DepartmentName(snapshot, id), parsed.ToString(), chinese),
            ReportCharts.Satisfaction(scorecard.Total, parsed.ToString(), chinese),
        ];
        return Page();
    }
}
