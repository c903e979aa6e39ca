using Assist.Functions.Security;
using Assist.Functions.Web;
using Assist.Storage.Directory;
using Assist.Storage.Workflow;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Assist.Functions.Pages.Staff;

/// <summary>我的工作台: the tickets the officer owns, most urgent first (red, yellow, blue, urgent, soonest deadline).</summary>
[Authorize(Policy = AssistPolicies.DepartmentStaff)]
public sealed class DeskModel(ReadModelStore views, DirectoryStore directory) : PageModel
{
    public TicketListModel List { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var organization = (await directory.GetAsync(cancellationToken)).Organization;
        var tickets = await views.ListDeskAsync(User.UserId()!, cancellationToken);
        List = new TicketListModel(TicketListModel.ByUrgency(tickets), organization, ShowOfficer: false, TestId: "desk");
    }
}
