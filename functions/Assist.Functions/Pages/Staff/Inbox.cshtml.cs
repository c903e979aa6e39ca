using Assist.Domain.Tickets;
using Assist.Functions.Security;
using Assist.Storage.Workflow;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Assist.Functions.Pages.Staff;

/// <summary>The in-app inbox: reminders, yellow and red cards, supervision orders, HQ escalations, newest first.</summary>
public sealed class InboxModel(ReadModelStore views) : PageModel
{
    public IReadOnlyList<Notification> Notifications { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Notifications = await views.ListNotificationsAsync(User.UserId()!, cancellationToken);

    public async Task<IActionResult> OnPostReadAsync(string? id, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(id) || !await views.MarkNotificationReadAsync(User.UserId()!, id, cancellationToken))
        {
            return NotFound();
        }

        return RedirectToPage();
    }

    public static string LevelOf(string kind) => kind switch
    {
        nameof(EscalationRung.BlueReminder) => nameof(AttentionLevel.Blue),
        nameof(EscalationRung.YellowCard) or nameof(EscalationRung.SignInOverdue) => nameof(AttentionLevel.Yellow),
        "HqEscalation" => nameof(AttentionLevel.Hq),
        _ => nameof(AttentionLevel.Red),
    };
}
