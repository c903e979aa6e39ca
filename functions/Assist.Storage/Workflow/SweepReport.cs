namespace Assist.Storage.Workflow;

/// <summary>What one sweep did. <see cref="TimersIgnored"/> counts timers the ticket no longer held.</summary>
public sealed record SweepReport(int TimersFired, int TimersIgnored, int DispatchesRecovered, int UploadsRemoved, int WebhooksDelivered, DateTimeOffset SweptUpTo);

public sealed record RebuildReport(int Tickets, int Rows);
