namespace Assist.Storage.Reports;

/// <summary>One day of the backlog: tickets received and closed that day (China time) and those open at its end.</summary>
public sealed record BacklogPoint(DateOnly Date, long Opened, long Closed, long Open);
