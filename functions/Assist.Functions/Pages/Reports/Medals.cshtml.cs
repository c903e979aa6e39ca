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

/// <summary>The quarterly 奖牌榜: the tally, then the medals of each category.</summary>
[Authorize(Policy = ReportAccess.ReportReaders)]
public sealed class MedalsModel(ReportService reports, DirectoryStore directory, TimeProvider time) : PageModel
{
    public ReportPeriod Period { get; private set; } = null!;

    public MedalTableView Medals { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string? quarter, CancellationToken cancellationToken)
    {
        if (ReportAccess.Period(quarter, time.GetUtcNow(), quarter: true) is not { IsQuarter: true } parsed)
        {
            return PageProblem.BadRequest(HttpContext, UiText.Pick(ReportParameters.Quarter));
        }

        Period = parsed;
        Medals = ReportPresenter.Medals(await reports.GetMedalTableAsync(parsed, cancellationToken), await directory.GetAsync(cancellationToken));
        return Page();
    }
}
