using Assist.Storage.Workflow;

namespace Assist.Functions.Triggers;

/// <summary>
/// The clock of the workflow: every sweep interval it fires what has come due (<see cref="TicketService.SweepAsync"/>).
/// The schedule is in <c>SweepTimers/function.json</c>; the Functions host (in Azure) or the standalone scheduler
/// (locally) calls it. Several instances may sweep at once: the engine makes each timer fire once in effect.
/// </summary>
public sealed partial class SweepTimersFunction(TicketService tickets, ILogger<SweepTimersFunction> logger) : ITimerFunction
{
    public string Name => "SweepTimers";

    public async Task<TimerResult> RunAsync(TimerInvocation invocation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        var report = await tickets.SweepAsync(cancellationToken);
        LogSwept(logger, invocation.FiredAt, report.TimersFired, report.TimersIgnored, report.DispatchesRecovered, report.UploadsRemoved, report.WebhooksDelivered, report.SweptUpTo);
        return new TimerResult(
            [$"SweepTimers ran at {invocation.FiredAt:O} ({invocation.Source}): {report.TimersFired} timers fired, {report.TimersIgnored} ignored, {report.DispatchesRecovered} dispatches recovered, swept up to {report.SweptUpTo:O}"],
            new { invocation.FiredAt, invocation.IsPastDue, Source = invocation.Source.ToString(), Sweep = report });
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Swept at {FiredAt}: {TimersFired} fired, {TimersIgnored} ignored, {DispatchesRecovered} dispatches recovered, {UploadsRemoved} uploads removed, {WebhooksDelivered} webhooks delivered, up to {SweptUpTo}")]
    private static partial void LogSwept(ILogger logger, DateTimeOffset firedAt, int timersFired, int timersIgnored, int dispatchesRecovered, int uploadsRemoved, int webhooksDelivered, DateTimeOffset sweptUpTo);
}
