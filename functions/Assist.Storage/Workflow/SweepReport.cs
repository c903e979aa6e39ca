namespace Assist.Storage.Workflow;

/// <summary>
/// What one sweep of the housekeeping index did. <see cref="SchedulesRepaired"/> counts submissions whose
/// orchestrations it made sure of (their markers outlived the grace); <see cref="LegacyTimersDropped"/> counts ticket
/// timer rows indexed by versions before the orchestrations; <see cref="RowsLeft"/> counts due rows it read but left
/// in the index for the next sweep (a failure, or its time budget ran out); <see cref="WebhooksScheduled"/> counts
/// notifications whose webhook deliveries it scheduled because the process that queued them did not (it died first).
/// </summary>
public sealed record SweepReport(int SchedulesRepaired, int LegacyTimersDropped, int UploadsRemoved, int WebhooksScheduled, DateTimeOffset SweptUpTo, int RowsLeft = 0);

public sealed record RebuildReport(int Tickets, int Rows);
