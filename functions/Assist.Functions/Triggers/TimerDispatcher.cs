using System.Diagnostics;

namespace Assist.Functions.Triggers;

/// <summary>
/// Runs a timer function by name, whichever way the firing arrived, and records the outcome.
/// One code path for the Functions host and the standalone scheduler.
/// </summary>
public sealed class TimerDispatcher(
    IEnumerable<ITimerFunction> functions,
    TimerRunLog runLog,
    TimeProvider timeProvider,
    ILogger<TimerDispatcher> logger)
{
    private readonly Dictionary<string, ITimerFunction> _functions = functions.ToDictionary(f => f.Name, StringComparer.OrdinalIgnoreCase);

    public bool Has(string functionName) => _functions.ContainsKey(functionName);

    public IReadOnlyCollection<string> Names => _functions.Keys;

    public async Task<TimerResult> DispatchAsync(TimerInvocation invocation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        if (!_functions.TryGetValue(invocation.FunctionName, out var function))
        {
            throw new InvalidOperationException($"No timer function named '{invocation.FunctionName}' is registered.");
        }

        var started = Stopwatch.GetTimestamp();
        logger.LogInformation("Timer {Function} fired at {FiredAt} by {Source} (past due: {IsPastDue}, invocation {InvocationId})",
            invocation.FunctionName, invocation.FiredAt, invocation.Source, invocation.IsPastDue, invocation.InvocationId);
        try
        {
            var result = await function.RunAsync(invocation, cancellationToken);
            runLog.Record(new TimerRun(invocation.FunctionName, invocation.FiredAt, timeProvider.GetUtcNow(), invocation.Source, true, null));
            logger.LogInformation("Timer {Function} completed in {ElapsedMs} ms", invocation.FunctionName, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            return result;
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            runLog.Record(new TimerRun(invocation.FunctionName, invocation.FiredAt, timeProvider.GetUtcNow(), invocation.Source, false, exception.GetType().Name));
            logger.LogError(exception, "Timer {Function} failed after {ElapsedMs} ms", invocation.FunctionName, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            throw;
        }
    }
}
