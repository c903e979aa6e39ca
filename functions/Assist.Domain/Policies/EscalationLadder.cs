namespace Assist.Domain.Policies;

/// <summary>
/// The escalation ladder: blue reminder to the officer, yellow card to the department head at due, red card to
/// the supervisor <see cref="RedCardWorkingDaysOverdue"/> working days overdue, HQ escalation (提级) at
/// <see cref="HqEscalationWorkingDaysOverdue"/>. Notifications for non-urgent tickets are held until office hours
/// when <see cref="HoldNotificationsUntilWorkingHours"/>.
/// </summary>
public sealed record EscalationLadder(
    BlueReminderMode BlueMode,
    decimal BlueFraction,
    int RedCardWorkingDaysOverdue,
    int HqEscalationWorkingDaysOverdue,
    bool HoldNotificationsUntilWorkingHours);
