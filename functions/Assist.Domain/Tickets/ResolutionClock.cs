using Assist.Domain.Calendar;

namespace Assist.Domain.Tickets;

/// <summary>
/// The resolution clock, computed when it starts or moves and carried in the event, so replaying a ticket
/// needs no calendar or policy: when it started, its limit, its deadline and the ladder's instants.
/// </summary>
/// <remarks>
/// <see cref="PausedWorkingTime"/> (待补充) and <see cref="ExtensionWorkingDays"/> (延期) are what moved this clock since it
/// started, so its deadline can be computed again from scratch when a year's official calendar is loaded:
/// <c>Extend(Shift(Add(StartedAt, Limit), PausedWorkingTime), ExtensionWorkingDays)</c>. A new clock (routing, a rejected
/// reply) starts them at zero. They are null in clocks stored before they were recorded: unknown, see
/// <see cref="TicketClocks.Adjustments"/>.
/// </remarks>
public sealed record ResolutionClock(
    DateTimeOffset StartedAt,
    TimeLimit Limit,
    Deadline Due,
    LadderSchedule Ladder,
    TimeSpan? PausedWorkingTime = null,
    int? ExtensionWorkingDays = null);
