using Assist.Domain.Organization;
using Assist.Functions.Security;
using Assist.Functions.Web;
using Assist.Storage.Directory;
using Assist.Storage.Workflow;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Assist.Functions.Pages.Staff;

/// <summary>
/// A department's queue: yellow-card (and worse) items first, then every open ticket. Heads see their own department;
/// supervisors and HQ leaders pick any. Reassignment is on the ticket page.
/// </summary>
[Authorize(Policy = AssistPolicies.QueueReaders)]
public sealed class QueueModel(ReadModelStore views, DirectoryStore directory) : PageModel
{
    public string DepartmentId { get; private set; } = "";

    public string DepartmentName { get; private set; } = "";

    public bool Overseer { get; private set; }

    public IReadOnlyList<Department> Departments { get; private set; } = [];

    public TicketListModel Escalated { get; private set; } = null!;

    public TicketListModel All { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string? departmentId, CancellationToken cancellationToken)
    {
        var organization = (await directory.GetAsync(cancellationToken)).Organization;
        Overseer = User.Has(StaffRole.Supervisor) || User.Has(StaffRole.HqLeader);
        Departments = [.. organization.Departments.Where(d => d.Active)];
        var chosen = departmentId ?? User.DepartmentId() ?? (Departments.Count > 0 ? Departments[0].Id : null);
        if (chosen is null || organization.FindDepartment(chosen) is not { } department)
        {
            return NotFound();
        }

        if (!Overseer && chosen != User.DepartmentId())
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }

        DepartmentId = chosen;
        DepartmentName = department.Name;
        var tickets = TicketListModel.ByUrgency(await views.ListDepartmentQueueAsync(chosen, cancellationToken));
        Escalated = new TicketListModel([.. tickets.Where(t => t.Level >= AttentionLevel.Yellow)], organization, TestId: "queue-escalated");
        All = new TicketListModel(tickets, organization, TestId: "queue");
        return Page();
    }
}
