namespace Assist.Storage.Workflow;

/// <summary>
/// What one sweep did. <see cref="TimersIgnored"/> counts timers the ticket no longer held; <see cref="RowsLeft"/>
/// counts due rows it read but left in the index for the next sweep (a failure, or its time budget ran out).
/// </summary>
public sealed record SweepReport(int TimersFired, int TimersIgnored, int DispatchesRecovered, int UploadsRemoved, int WebhooksDelivered, DateTimeOffset SweptUpTo, int RowsLeft = 0);

public sealed record RebuildReport(int Tickets, int Rows);
