using System.Collections.Concurrent;
using Assist.Functions.Triggers;
using Assist.Tests;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;

namespace Assist.Functions.Tests.Triggers;

public sealed class StandaloneSchedulerTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 2, 58, 0, TimeSpan.Zero);

    [Fact]
    public void Schedules_AreReadFromFunctionJson()
    {
        using var folder = new FunctionManifestTests.TempFunctions();
        folder.Write("SweepTimers", """{"bindings":[{"type":"timerTrigger","direction":"in","name":"timer","schedule":"0 0 3 * * *"}]}""");

        var scheduler = CreateScheduler(folder.Root, new ManualTimeProvider(Start), new RecordingTimer("SweepTimers"));

        var timer = Assert.Single(scheduler.Schedules.Values);
        Assert.Equal("0 0 3 * * *", timer.Expression);
        Assert.Equal(new DateTimeOffset(2026, 3, 2, 3, 0, 0, TimeSpan.Zero), timer.NextOccurrence(Start));
    }

    [Fact]
    public void Schedules_OfTheRepositoryFile_AreWhatTheSchedulerRuns()
    {
        var source = RepositoryPaths.Combine("functions", "Assist.Functions");
        using var folder = new FunctionManifestTests.TempFunctions();
        folder.CopyFrom(source, "SweepTimers");
        var expected = (string?)folder.Read("SweepTimers")["bindings"]![0]!["schedule"];

        var scheduler = CreateScheduler(folder.Root, new ManualTimeProvider(Start), new RecordingTimer("SweepTimers"));

        Assert.Equal(expected, scheduler.Schedules["SweepTimers"].Expression);
    }

    [Fact]
    public async Task ExecuteAsync_ClockPassesTheScheduledTime_FiresTheHandlerOnce()
    {
        using var folder = new FunctionManifestTests.TempFunctions();
        folder.Write("SweepTimers", """{"bindings":[{"type":"timerTrigger","direction":"in","name":"timer","schedule":"0 0 3 * * *"}]}""");
        var clock = new ManualTimeProvider(Start);
        var handler = new RecordingTimer("SweepTimers");
        var scheduler = CreateScheduler(folder.Root, clock, handler);

        await scheduler.StartAsync(CancellationToken.None);
        await WaitUntilAsync(() => clock.PendingTimers > 0);
        clock.Advance(TimeSpan.FromSeconds(90));
        Assert.Empty(handler.Invocations);

        clock.Advance(TimeSpan.FromSeconds(30));
        var fired = await handler.NextAsync();
        await scheduler.StopAsync(CancellationToken.None);

        Assert.Equal(TimerSource.StandaloneScheduler, fired.Source);
        Assert.Equal(new DateTimeOffset(2026, 3, 2, 3, 0, 0, TimeSpan.Zero), fired.FiredAt);
        Assert.Single(handler.Invocations);
    }

    private static StandaloneScheduler CreateScheduler(string root, TimeProvider clock, ITimerFunction handler)
    {
        var manifest = FunctionManifest.Load(root);
        var dispatcher = new TimerDispatcher([handler], new TimerRunLog(), clock, NullLogger<TimerDispatcher>.Instance);
        return new StandaloneScheduler(manifest, dispatcher, clock, new ConfigurationBuilder().Build(), NullLogger<StandaloneScheduler>.Instance);
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
    internal sealed class RecordingTimer(string name) : ITimerFunction
    {
        private readonly BlockingCollection<TimerInvocation> _queue = [];

        public string Name => name;

        public ConcurrentQueue<TimerInvocation> Invocations { get; } = new();

        public Task<TimerResult> RunAsync(TimerInvocation invocation, CancellationToken cancellationToken)
        {
            Invocations.Enqueue(invocation);
            _queue.Add(invocation, cancellationToken);
            return Task.FromResult(new TimerResult([$"{name} ran"], new { invocation.FiredAt }));
        }

        public Task<TimerInvocation> NextAsync() => Task.Run(() =>
            _queue.TryTake(out var item, TimeSpan.FromSeconds(10)) ? item : throw new TimeoutException($"{name} did not fire."));
    }
}
