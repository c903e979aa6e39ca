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

/// <summary>The monthly 通报, laid out to print (no PDF): red cards, ranking, bottom units; no mobiles, no confidential enterprises.</summary>
[Authorize(Policy = ReportAccess.ReportReaders)]
public sealed class BulletinModel(ReportService reports, DirectoryStore directory, TimeProvider time) : PageModel
{
    public ReportPeriod Period { get; private set; } = null!;

    public BulletinView Bulletin { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string? month, CancellationToken cancellationToken)
    {
        if (ReportAccess.Period(month, time.GetUtcNow(), quarter: false) is not { IsQuarter: false } parsed)
        {
            return PageProblem.BadRequest(HttpContext, UiText.Pick(ReportParameters.Month));
        }

        Period = parsed;
        var bulletin = await reports.GetBulletinAsync(parsed, 3, cancellationToken);
        Bulletin = ReportPresenter.Bulletin(bulletin, await directory.GetAsync(cancellationToken), !Web.PageCulture.IsEnglish);
        return Page();
    }
}
