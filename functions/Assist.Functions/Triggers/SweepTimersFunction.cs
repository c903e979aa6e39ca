using Assist.Storage.Workflow;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace Assist.Functions.Triggers;

/// <summary>
/// The repair and housekeeping timer (<see cref="TicketService.SweepAsync"/>): starts the orchestration of any
/// submission whose "to be scheduled" marker outlived its grace (missing or failed instance), without scanning
/// tickets; expires idempotency keys, removes stale uploads, schedules webhook deliveries a dead process left queued. Ticket timers are the
/// orchestrations'. The Functions host runs it on its schedule (one instance at a time across the app); the local
/// host's scheduler reads the same attribute. It declares a Durable client because repairing schedules orchestrations.
/// </summary>
public sealed partial class SweepTimersFunction(TicketService tickets, TimerRunLog runs, TimeProvider time, ILogger<SweepTimersFunction> logger)
{
    public const string Name = "SweepTimers";

    /// <summary>Every 30 seconds (NCRONTAB with seconds, UTC): the repair grace of a submission's marker is measured in these.</summary>
    public const string Schedule = "*/30 * * * * *";

    [Function(Name)]
    public async Task RunAsync([TimerTrigger(Schedule)] TimerInfo timer, [DurableClient] DurableTaskClient durable, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(timer);
        var firedAt = time.GetUtcNow();
        try
        {
            var report = await tickets.SweepAsync(cancellationToken);
            runs.Record(new TimerRun(Name, firedAt, time.GetUtcNow(), Succeeded: true, Error: null));
            LogSwept(logger, firedAt, timer.IsPastDue, report.SchedulesRepaired, report.LegacyTimersDropped, report.UploadsRemoved, report.WebhooksScheduled, report.SweptUpTo);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // Recorded for /healthz; rethrown so the host logs the failed invocation too. The schedule goes on.
            runs.Record(new TimerRun(Name, firedAt, time.GetUtcNow(), Succeeded: false, exception.GetType().Name));
            throw;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Swept at {FiredAt} (past due: {IsPastDue}): {SchedulesRepaired} orchestrations repaired, {LegacyTimersDropped} legacy timer rows dropped, {UploadsRemoved} uploads removed, {WebhooksScheduled} notifications' webhooks scheduled, up to {SweptUpTo}")]
    private static partial void LogSwept(ILogger logger, DateTimeOffset firedAt, bool isPastDue, int schedulesRepaired, int legacyTimersDropped, int uploadsRemoved, int webhooksScheduled, DateTimeOffset sweptUpTo);
}
