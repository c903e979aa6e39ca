using System.Collections.Concurrent;
using Assist.Functions.Hosting.Functions;
using Assist.Functions.Triggers;
using Assist.LocalHost;
using Assist.LocalHost.Timers;
using Assist.Tests;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Assist.Functions.Tests.Triggers;

public sealed class TimerSchedulerTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 2, 58, 0, TimeSpan.Zero);

    [Fact]
    public void TimerFunctions_AreReadFromTheAppsTimerTriggers()
    {
        var timer = Assert.Single(TimerFunction.In(LocalHostApp.Functions));

        Assert.Equal(SweepTimersFunction.Name, timer.Name);
        Assert.Equal(SweepTimersFunction.Schedule, timer.Schedule);
        Assert.False(timer.RunOnStartup);
        var next = new ScheduledTimer(timer, timer.ParseSchedule(_ => null)).NextOccurrence(Start);
        Assert.Equal(Start.AddSeconds(30), next);
    }

    [Fact]
    public void ParseSchedule_NamedAppSetting_ReadsTheSettingOrSaysWhichIsMissing()
    {
        var timer = new TimerFunction("Nightly", "%Nightly__Schedule%", false, typeof(RecordingTimer).GetMethod(nameof(RecordingTimer.RunAsync))!);

        var schedule = timer.ParseSchedule(key => key == "Nightly:Schedule" ? "0 0 3 * * *" : null);
        var missing = Assert.Throws<InvalidOperationException>(() => timer.ParseSchedule(_ => null));

        Assert.Equal(new DateTime(2026, 3, 2, 3, 0, 0), schedule.GetNextOccurrence(Start.UtcDateTime));
        Assert.Contains("%Nightly__Schedule%", missing.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("every minute")]
    [InlineData("0 0 3 * * * *")]
    [InlineData("0 0 25 * * *")]
    public void ParseSchedule_NotNcrontab_FailsNamingTheFunction(string schedule)
    {
        var timer = new TimerFunction("Nightly", schedule, false, typeof(RecordingTimer).GetMethod(nameof(RecordingTimer.RunAsync))!);

        var error = Assert.Throws<InvalidOperationException>(() => timer.ParseSchedule(_ => null));

        Assert.StartsWith("Nightly:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExecuteAsync_ClockPassesTheScheduledTime_InvokesTheFunctionOnceWithItsTimerInfo()
    {
        var clock = new ManualTimeProvider(Start);
        var recorder = new RecordingTimer();
        var services = new ServiceCollection().AddSingleton(recorder).BuildServiceProvider();
        var function = new TimerFunction("Nightly", "0 0 3 * * *", false, typeof(RecordingTimer).GetMethod(nameof(RecordingTimer.RunAsync))!);
        var functions = new LocalFunctions(new HttpFunctionEndpointSource([], string.Empty, _ => _ => Task.CompletedTask), [], [function]);
        using var scheduler = new TimerScheduler(functions, services, clock, new ConfigurationBuilder().Build(), NullLogger<TimerScheduler>.Instance);

        await scheduler.StartAsync(CancellationToken.None);
        await WaitUntilAsync(() => clock.PendingTimers > 0);
        clock.Advance(TimeSpan.FromSeconds(90));
        Assert.Empty(recorder.Invocations);

        clock.Advance(TimeSpan.FromSeconds(30));
        var fired = await recorder.NextAsync();
        await scheduler.StopAsync(CancellationToken.None);

        Assert.False(fired.IsPastDue);
        Assert.Equal(new DateTime(2026, 3, 3, 3, 0, 0), fired.ScheduleStatus!.Next);
        Assert.Single(recorder.Invocations);
    }

    internal static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (!condition())
        {
            await Task.Delay(10, timeout.Token);
        }
    }

    /// <summary>A timer function that records its invocations.</summary>
    public sealed class RecordingTimer
    {
        private readonly BlockingCollection<TimerInfo> _queue = [];

        public ConcurrentQueue<TimerInfo> Invocations { get; } = new();

        [Function("Nightly")]
        public Task RunAsync([TimerTrigger("0 0 3 * * *")] TimerInfo timer, CancellationToken cancellationToken)
        {
            Invocations.Enqueue(timer);
            _queue.Add(timer, cancellationToken);
            return Task.CompletedTask;
        }

        public Task<TimerInfo> NextAsync() => Task.Run(() =>
            _queue.TryTake(out var item, TimeSpan.FromSeconds(10)) ? item : throw new TimeoutException("The timer did not fire."));
    }
}
