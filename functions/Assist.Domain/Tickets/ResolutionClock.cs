using Assist.Domain.Calendar;

namespace Assist.Domain.Tickets;

/// <summary>
/// The resolution clock, computed when it starts or moves and carried in the event, so replaying a ticket
/// needs no calendar or policy: when it started, its limit, its deadline and the ladder's instants.
/// </summary>
public sealed record ResolutionClock(DateTimeOffset StartedAt, TimeLimit Limit, Deadline Due, LadderSchedule Ladder);
