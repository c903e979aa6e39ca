using System.Reflection;
using Microsoft.Azure.Functions.Worker;
using NCrontab;

namespace Assist.LocalHost.Timers;

/// <summary>
/// Fires the app's timer functions in-process, as the Functions host does where there is none (local runs, tests),
/// reading each schedule from the function's own <c>[TimerTrigger]</c>. Schedules are in UTC, as on a Functions app
/// without <c>WEBSITE_TIME_ZONE</c>. Time comes from the injected <see cref="TimeProvider"/>, so a manual clock drives it
/// too. A run that fails is logged and the schedule goes on, as on the host.
/// </summary>
public sealed class TimerScheduler(
    LocalFunctions functions,
    IServiceProvider services,
    TimeProvider timeProvider,
    IConfiguration configuration,
    ILogger<TimerScheduler> logger) : BackgroundService
{
    private readonly IReadOnlyList<ScheduledTimer> _timers = [.. functions.Timers
        .Select(function => new ScheduledTimer(function, function.ParseSchedule(key => configuration[key])))];

    /// <summary>The schedules this scheduler runs, by function name.</summary>
    public IReadOnlyDictionary<string, ScheduledTimer> Schedules => _timers.ToDictionary(t => t.Function.Name, StringComparer.Ordinal);

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(_timers.Select(timer => RunAsync(timer, stoppingToken)));

    /// <summary>Runs <paramref name="timer"/> once now, as a firing at <paramref name="scheduledFor"/>.</summary>
    public async Task FireAsync(ScheduledTimer timer, DateTimeOffset scheduledFor, DateTimeOffset? last, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(timer);
        var now = timeProvider.GetUtcNow();
        var info = new TimerInfo
        {
            IsPastDue = now - scheduledFor > TimeSpan.FromMinutes(1),
            ScheduleStatus = new ScheduleStatus { Last = (last ?? DateTimeOffset.MinValue).UtcDateTime, Next = timer.NextOccurrence(now).UtcDateTime, LastUpdated = now.UtcDateTime },
        };
        var method = timer.Function.Method;
        var target = method.IsStatic ? null : ActivatorUtilities.GetServiceOrCreateInstance(services, method.DeclaringType!);
        var arguments = method.GetParameters().Select(p =>
            p.GetCustomAttribute<TimerTriggerAttribute>() is not null ? info
            : p.ParameterType == typeof(CancellationToken) ? cancellationToken
            : p.GetCustomAttribute<DurableClientAttribute>() is not null ? services.GetRequiredService(p.ParameterType)
            : throw new NotSupportedException($"{timer.Function.Name}({p.Name}): timer functions here take the TimerInfo, a [DurableClient] and a cancellation token.")).ToArray();
        if (method.Invoke(target, BindingFlags.DoNotWrapExceptions, binder: null, arguments, culture: null) is Task task)
        {
            await task;
        }
    }

    private async Task RunAsync(ScheduledTimer timer, CancellationToken stoppingToken)
    {
        DateTimeOffset? last = null;
        if (timer.Function.RunOnStartup)
        {
            await FireLoggedAsync(timer, timeProvider.GetUtcNow(), null, stoppingToken);
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

            await FireLoggedAsync(timer, next, last, stoppingToken);
            last = next;
        }
    }

    private async Task FireLoggedAsync(ScheduledTimer timer, DateTimeOffset scheduledFor, DateTimeOffset? last, CancellationToken stoppingToken)
    {
        try
        {
            await FireAsync(timer, scheduledFor, last, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception exception)
        {
            logger.LogError(exception, "Timer {Function} failed; the schedule continues", timer.Function.Name);
        }
    }
}

/// <summary>A timer function with its parsed schedule.</summary>
public sealed record ScheduledTimer(TimerFunction Function, CrontabSchedule Schedule)
{
    public DateTimeOffset NextOccurrence(DateTimeOffset after) =>
        new(DateTime.SpecifyKind(Schedule.GetNextOccurrence(after.UtcDateTime), DateTimeKind.Utc));
}
