using Assist.Storage.Workflow;

namespace Assist.Functions.Triggers;

/// <summary>
/// The repair and housekeeping timer (<see cref="TicketService.SweepAsync"/>): starts the orchestration of any
/// submission whose "to be scheduled" marker outlived its grace (missing or failed instance), without scanning
/// tickets; expires idempotency keys, removes stale uploads, delivers due webhooks. Ticket timers are the
/// orchestrations'. The schedule is in <c>SweepTimers/function.json</c>; the Functions host (in Azure) or the
/// standalone scheduler (locally) calls it. Several instances may sweep at once. In Azure it also keeps the
/// in-process Durable engine's instance awake.
/// </summary>
public sealed partial class SweepTimersFunction(TicketService tickets, ILogger<SweepTimersFunction> logger) : ITimerFunction
{
    public string Name => "SweepTimers";

    public async Task<TimerResult> RunAsync(TimerInvocation invocation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        var report = await tickets.SweepAsync(cancellationToken);
        LogSwept(logger, invocation.FiredAt, report.SchedulesRepaired, report.LegacyTimersDropped, report.UploadsRemoved, report.WebhooksDelivered, report.SweptUpTo);
        return new TimerResult(
            [$"SweepTimers ran at {invocation.FiredAt:O} ({invocation.Source}): {report.SchedulesRepaired} orchestrations repaired, {report.LegacyTimersDropped} legacy timer rows dropped, swept up to {report.SweptUpTo:O}"],
            new { invocation.FiredAt, invocation.IsPastDue, Source = invocation.Source.ToString(), Sweep = report });
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Swept at {FiredAt}: {SchedulesRepaired} orchestrations repaired, {LegacyTimersDropped} legacy timer rows dropped, {UploadsRemoved} uploads removed, {WebhooksDelivered} webhooks delivered, up to {SweptUpTo}")]
    private static partial void LogSwept(ILogger logger, DateTimeOffset firedAt, int schedulesRepaired, int legacyTimersDropped, int uploadsRemoved, int webhooksDelivered, DateTimeOffset sweptUpTo);
}
