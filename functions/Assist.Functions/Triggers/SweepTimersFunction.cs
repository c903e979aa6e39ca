namespace Assist.Functions.Triggers;

/// <summary>
/// The clock of the workflow: every sweep interval it fires what has come due. The schedule is in
/// <c>SweepTimers/function.json</c>; the Functions host (in Azure) or the standalone scheduler (locally) calls it.
/// </summary>
public sealed class SweepTimersFunction(ILogger<SweepTimersFunction> logger) : ITimerFunction
{
    public string Name => "SweepTimers";

    public Task<TimerResult> RunAsync(TimerInvocation invocation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        logger.LogDebug("Sweeping timers due by {FiredAt}", invocation.FiredAt);
        var summary = new { invocation.FiredAt, invocation.IsPastDue, Source = invocation.Source.ToString(), Fired = 0 };
        return Task.FromResult(new TimerResult([$"SweepTimers ran at {invocation.FiredAt:O} ({invocation.Source})"], summary));
    }
}
