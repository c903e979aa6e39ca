namespace Assist.Domain.Tickets;

/// <summary>When each rung of the ladder falls due for the current resolution deadline (null blue: window too short).</summary>
public sealed record LadderSchedule(DateTimeOffset? BlueAt, DateTimeOffset YellowAt, DateTimeOffset RedAt, DateTimeOffset HqAt);
