using Assist.Domain.Tickets;
using Assist.Functions.Api.Tickets;
using Assist.Storage.Workflow;

namespace Assist.Functions.Web;

/// <summary>The colour of a ticket on a page: the highest rung it reached for its current deadline (as the lists show it).</summary>
public static class PageLevels
{
    public static AttentionLevel Of(StaffTicketView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        return view.EscalatedToHq ? AttentionLevel.Hq
            : view.RungsReached.Contains(EscalationRung.RedCard) ? AttentionLevel.Red
            : view.RungsReached.Contains(EscalationRung.YellowCard) ? AttentionLevel.Yellow
            : view.RungsReached.Contains(EscalationRung.BlueReminder) ? AttentionLevel.Blue
            : AttentionLevel.None;
    }
}
