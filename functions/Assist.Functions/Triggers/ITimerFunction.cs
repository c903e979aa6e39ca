namespace Assist.Functions.Triggers;

/// <summary>
/// A timer-triggered function. Its <see cref="Name"/> is the folder of its <c>function.json</c>; the schedule
/// lives only in that file. The same instance serves the Functions host and the standalone scheduler.
/// </summary>
public interface ITimerFunction
{
    string Name { get; }

    Task<TimerResult> RunAsync(TimerInvocation invocation, CancellationToken cancellationToken);
}
