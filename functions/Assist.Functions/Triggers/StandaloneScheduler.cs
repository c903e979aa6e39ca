using NCrontab;

namespace Assist.Functions.Triggers;

/// <summary>
/// Fires timer functions in-process when no Functions host is present (local runs and tests), reading each
/// schedule from the same <c>function.json</c> the host reads. Schedules are in UTC, as on a Functions app
/// without <c>WEBSITE_TIME_ZONE</c>. Time comes from the injected <see cref="TimeProvider"/>, so a manual
/// clock drives it too.
/// </summary>
public sealed class StandaloneScheduler(
    FunctionManifest manifest,
    TimerDispatcher dispatcher,
    TimeProvider timeProvider,
    IConfiguration configuration,
    ILogger<StandaloneScheduler> logger) : BackgroundService
{
    /// <summary>The schedules this scheduler runs, by function name, as read from the manifest.</summary>
    public IReadOnlyDictionary<string, ScheduledTimer> Schedules { get; } = ReadSchedules(manifest, dispatcher, configuration);

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Schedules.Values.Select(timer => RunAsync(timer, stoppingToken)));

    private static Dictionary<string, ScheduledTimer> ReadSchedules(FunctionManifest manifest, TimerDispatcher dispatcher, IConfiguration configuration)
    {
        var schedules = new Dictionary<string, ScheduledTimer>(StringComparer.OrdinalIgnoreCase);
        foreach (var function in manifest.Timers.Where(f => dispatcher.Has(f.Name)))
        {
            var trigger = function.Trigger!;
            if (!FunctionManifest.TryParseSchedule(trigger.Schedule, key => configuration[key], out var schedule, out var error))
            {
                throw new InvalidOperationException($"{function.Path}: {error}");
            }

            schedules[function.Name] = new ScheduledTimer(function.Name, trigger.Schedule!, schedule!, trigger.RunOnStartup);
        }

        return schedules;
    }

    private async Task RunAsync(ScheduledTimer timer, CancellationToken stoppingToken)
    {
        DateTimeOffset? last = null;
        if (timer.RunOnStartup)
        {
            await FireAsync(timer, timeProvider.GetUtcNow(), null, stoppingToken);
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            var now = timeProvider.GetUtcNow();
            var next = timer.NextOccurrence(now);
            try
            {
                await Task.Delay(next - now, timeProvider, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            await FireAsync(timer, next, last, stoppingToken);
            last = next;
        }
    }

    private async Task FireAsync(ScheduledTimer timer, DateTimeOffset scheduledFor, DateTimeOffset? last, CancellationToken stoppingToken)
    {
        var now = timeProvider.GetUtcNow();
        var invocation = new TimerInvocation(timer.FunctionName, now, now - scheduledFor > TimeSpan.FromMinutes(1),
            last, timer.NextOccurrence(now), TimerSource.StandaloneScheduler, Guid.NewGuid().ToString("D"));
        try
        {
            await dispatcher.DispatchAsync(invocation, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception exception)
        {
            // The dispatcher has logged it; a failed run must not stop the schedule, as on the host.
            logger.LogDebug(exception, "Timer {Function} run failed; the schedule continues", timer.FunctionName);
        }
    }
}

/// <summary>A timer function's parsed schedule.</summary>
public sealed record ScheduledTimer(string FunctionName, string Expression, CrontabSchedule Schedule, bool RunOnStartup)
{
    public DateTimeOffset NextOccurrence(DateTimeOffset after) =>
        new(DateTime.SpecifyKind(Schedule.GetNextOccurrence(after.UtcDateTime), DateTimeKind.Utc));
}
