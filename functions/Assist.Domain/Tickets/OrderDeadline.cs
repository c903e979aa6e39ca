using Assist.Domain.Calendar;

namespace Assist.Domain.Tickets;

/// <summary>A supervision order's (督办单) deadline computed again (<see cref="DeadlinesRecomputed"/>).</summary>
public sealed record OrderDeadline(string OrderId, Deadline Due);
