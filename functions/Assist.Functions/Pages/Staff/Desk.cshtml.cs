using Assist.Functions.Security;
using Assist.Functions.Web;
using Assist.Storage.Directory;
using Assist.Storage.Workflow;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Assist.Functions.Pages.Staff;

/// <summary>
/// 我的工作台: the tickets the officer owns, most urgent first (red, yellow, blue, urgent, soonest deadline). Staff
/// without a desk (supervisors, HQ leaders, administrators) are sent to their own start page: <c>/staff</c> is where
/// sign-in links lead.
/// </summary>
public sealed class DeskModel(ReadModelStore views, DirectoryStore directory) : PageModel
{
    public TicketListModel List { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!StaffHome.HasDesk(User))
        {
            return LocalRedirect(StaffHome.Of(User));
        }

        var organization = (await directory.GetAsync(cancellationToken)).Organization;
        var tickets = await views.ListDeskAsync(User.UserId()!, cancellationToken);
        List = new TicketListModel(TicketListModel.ByUrgency(tickets), organization, ShowOfficer: false, TestId: "desk");
        return Page();
    }
}
