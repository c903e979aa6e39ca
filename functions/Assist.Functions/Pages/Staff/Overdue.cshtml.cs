using Assist.Domain.Tickets;
using Assist.Functions.Security;
using Assist.Functions.Web;
using Assist.Storage.Directory;
using Assist.Storage.Workflow;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Assist.Functions.Pages.Staff;

/// <summary>
/// The supervisor's overdue board (red cards first, then by working days overdue, as the read model orders it) and
/// the returns waiting for a decision (one single-partition read per department queue, like the scorecard).
/// Extension, return, supervision-order and HQ decisions are taken on the ticket page.
/// </summary>
[Authorize(Policy = AssistPolicies.Escalators)]
public sealed class OverdueModel(ReadModelStore views, DirectoryStore directory) : PageModel
{
    public TicketListModel Board { get; private set; } = null!;

    public TicketListModel Returns { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var organization = (await directory.GetAsync(cancellationToken)).Organization;
        Board = new TicketListModel(await views.ListOverdueAsync(cancellationToken), organization, TestId: "overdue");
        var returns = new Dictionary<string, TicketSummary>(StringComparer.Ordinal);
        foreach (var department in organization.Departments.Where(d => d.Active))
        {
            foreach (var ticket in await views.ListDepartmentQueueAsync(department.Id, cancellationToken))
            {
                if (ticket.Status == TicketStatus.ReturnRequested)
                {
                    returns[ticket.Number] = ticket;
                }
            }
        }

        Returns = new TicketListModel(TicketListModel.ByUrgency(returns.Values), organization, TestId: "returns");
    }
}
