namespace Assist.Domain.Tickets;

/// <summary>
/// A timer the ticket holds. <see cref="Key"/> tells apart timers of one kind (department or order id); it is
/// empty for the others. The caller schedules (kind, key, dueAt) and later sends them back in <see cref="TimerElapsed"/>.
/// </summary>
public sealed record TicketTimer(TimerKind Kind, DateTimeOffset DueAt, string Key = "");
