using System.Threading.Channels;
using Assist.Storage.Workflow;
using Grpc.Core;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace Assist.Functions.Lifecycle;

/// <summary>
/// The ticket use cases' <see cref="ITicketLifecycle"/> on the Durable Task client: schedules one orchestration per
/// ticket and raises wake-ups. A submission is answered before its orchestration is scheduled: <see cref="Submitted"/>
/// queues it, and a background loop (<see cref="RunAsync"/>) schedules it and forgets its marker. If the process dies
/// first, the marker is still there for the repair sweep.
/// </summary>
public sealed partial class DurableTicketLifecycle(
    DurableClients clients,
    ScheduleMarkers markers,
    LifecycleMonitor monitor,
    TimeProvider time,
    IConfiguration configuration,
    ILogger<DurableTicketLifecycle> logger) : ITicketLifecycle
{
    /// <summary>How many schedule calls run at once; more only queue up in the storage emulator or account.</summary>
    private const int ScheduleConcurrency = 8;

    /// <summary>
    /// A live or finished instance is left alone: a second start is a success, never an overwrite. A failed or
    /// terminated one is replaced: that is the repair.
    /// </summary>
    private static readonly OrchestrationRuntimeStatus[] KeepWhen =
    [
        OrchestrationRuntimeStatus.Pending,
        OrchestrationRuntimeStatus.Running,
        OrchestrationRuntimeStatus.Suspended,
        OrchestrationRuntimeStatus.Completed,
    ];

    private readonly Channel<Handover> _handovers = Channel.CreateUnbounded<Handover>(new UnboundedChannelOptions { SingleReader = false });
    private readonly int _stepsPerGeneration = configuration.GetValue("Lifecycle:StepsPerGeneration", TicketLifecycle.DefaultStepsPerGeneration);

    /// <summary>Submissions per second above which intake is a burst, whose scheduling waits until it pauses (one client sending as fast as it is answered is a burst).</summary>
    private readonly double _burstRate = configuration.GetValue("Lifecycle:BurstRate", 5.0);

    /// <summary>The longest a burst holds a submission's scheduling back.</summary>
    private readonly TimeSpan _maxHold = configuration.GetValue("Lifecycle:MaxHold", TimeSpan.FromSeconds(30));

    private readonly IntakeRate _intake = new(time);

    public void Submitted(string ticketNumber, int version, ScheduleMarker marker)
    {
        monitor.Expect(ticketNumber, time.GetUtcNow());
        _intake.Count();
        _handovers.Writer.TryWrite(new Handover(ticketNumber, marker, time.GetTimestamp()));
    }

    public async Task ChangedAsync(string ticketNumber, int version, CancellationToken cancellationToken) =>
        await clients.Current.RaiseEventAsync(ticketNumber, TicketOrchestration.WakeUpEvent, version, cancellationToken);

    public async Task EnsureRunningAsync(string ticketNumber, CancellationToken cancellationToken)
    {
        var client = await clients.WhenKnownAsync(cancellationToken);
        var instance = await client.GetInstanceAsync(ticketNumber, getInputsAndOutputs: false, cancellationToken);
        if (instance is { RuntimeStatus: OrchestrationRuntimeStatus.Pending or OrchestrationRuntimeStatus.Running or OrchestrationRuntimeStatus.Suspended or OrchestrationRuntimeStatus.Completed })
        {
            return;
        }

        await ScheduleAsync(ticketNumber, cancellationToken);
        LogRepaired(logger, ticketNumber, instance?.RuntimeStatus.ToString() ?? "missing");
    }

    /// <summary>Wakes every live orchestration (after the development clock moved); returns the tickets woken.</summary>
    public async Task<IReadOnlyList<string>> WakeAllAsync(CancellationToken cancellationToken)
    {
        var client = await clients.WhenKnownAsync(cancellationToken);
        var woken = new List<string>();
        var query = new OrchestrationQuery { Statuses = [OrchestrationRuntimeStatus.Running, OrchestrationRuntimeStatus.Pending], PageSize = 500 };
        await foreach (var instance in client.GetAllInstancesAsync(query).WithCancellation(cancellationToken))
        {
            if (instance.Name != TicketOrchestration.Name)
            {
                continue;
            }

            monitor.Expect(instance.InstanceId, time.GetUtcNow());
            await client.RaiseEventAsync(instance.InstanceId, TicketOrchestration.WakeUpEvent, 0, cancellationToken);
            woken.Add(instance.InstanceId);
        }

        return woken;
    }

    /// <summary>Schedules handed-over submissions until <paramref name="stopping"/>; run by <see cref="LifecycleScheduler"/>.</summary>
    public async Task RunAsync(CancellationToken stopping)
    {
        var workers = Enumerable.Range(0, ScheduleConcurrency).Select(_ => Task.Run(() => DrainAsync(stopping), CancellationToken.None));
        await Task.WhenAll(workers);
    }

    /// <summary>Submissions handed over and not yet scheduled by this process.</summary>
    public int Queued => _handovers.Reader.Count;

    private async Task DrainAsync(CancellationToken stopping)
    {
        try
        {
            while (await _handovers.Reader.WaitToReadAsync(stopping))
            {
                var done = new List<ScheduleMarker>();
                while (done.Count < 50 && _handovers.Reader.TryPeek(out var next))
                {
                    // In a burst the answers go first: the engine's work for each ticket (schedule, route, look) shares
                    // the storage account with intake, so it waits until intake pauses, or its oldest submission has
                    // waited the longest hold. Nothing is lost meanwhile: the markers are written.
                    if (_intake.PerSecond > _burstRate && time.GetElapsedTime(next.Timestamp) < _maxHold)
                    {
                        await Task.Delay(TimeSpan.FromMilliseconds(100), stopping);
                        continue;
                    }

                    if (!_handovers.Reader.TryRead(out var handover))
                    {
                        break;
                    }

                    try
                    {
                        await ScheduleAsync(handover.Ticket, stopping);
                        monitor.Scheduled(time.GetElapsedTime(handover.Timestamp));
                        done.Add(handover.Marker);
                    }
                    catch (Exception exception) when (exception is not OperationCanceledException)
                    {
                        // The marker stays: the repair sweep schedules the ticket after its grace.
                        LogScheduleFailed(logger, exception, handover.Ticket);
                    }
                }

                await ForgetAsync(done, stopping);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Shutting down: what is still queued keeps its marker for the repair sweep.
        }
    }

    private async Task ForgetAsync(List<ScheduleMarker> done, CancellationToken cancellationToken)
    {
        try
        {
            await markers.ForgetAsync(done, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // Scheduled but still marked: the repair sweep finds the instance live and drops the markers.
            LogForgetFailed(logger, exception, done.Count);
        }
    }

    private async Task ScheduleAsync(string ticketNumber, CancellationToken cancellationToken)
    {
        var options = new StartOrchestrationOptions(InstanceId: ticketNumber).WithDedupeStatuses(KeepWhen);
        var client = await clients.WhenKnownAsync(cancellationToken);
        try
        {
            await client.ScheduleNewOrchestrationInstanceAsync(TicketOrchestration.Name, new TicketLifecycle(ticketNumber, 0, _stepsPerGeneration), options, cancellationToken);
        }
        catch (Exception exception) when (IsAlreadyThere(exception))
        {
            // Started before (a repair racing the normal path, or a second instance): that is a success.
        }
    }

    private static bool IsAlreadyThere(Exception exception) => exception switch
    {
        global::DurableTask.Core.Exceptions.OrchestrationAlreadyExistsException => true,
        RpcException { StatusCode: StatusCode.AlreadyExists } => true,
        InvalidOperationException { InnerException: { } inner } => IsAlreadyThere(inner),
        _ => false,
    };

    private sealed record Handover(string Ticket, ScheduleMarker Marker, long Timestamp);

    /// <summary>Submissions in the last second, counted per tenth of a second.</summary>
    private sealed class IntakeRate(TimeProvider time)
    {
        private readonly long[] _slots = new long[10];
        private readonly long[] _slotTicks = new long[10];

        public void Count()
        {
            var tick = time.GetTimestamp() * 10 / time.TimestampFrequency;
            var slot = (int)(tick % _slots.Length);
            if (Interlocked.Exchange(ref _slotTicks[slot], tick) != tick)
            {
                Interlocked.Exchange(ref _slots[slot], 0);
            }

            Interlocked.Increment(ref _slots[slot]);
        }

        public double PerSecond
        {
            get
            {
                var tick = time.GetTimestamp() * 10 / time.TimestampFrequency;
                long total = 0;
                for (var i = 0; i < _slots.Length; i++)
                {
                    if (tick - Volatile.Read(ref _slotTicks[i]) < _slots.Length)
                    {
                        total += Volatile.Read(ref _slots[i]);
                    }
                }

                return total;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Scheduling the orchestration of ticket {TicketNumber} failed; the repair sweep schedules it")]
    private static partial void LogScheduleFailed(ILogger logger, Exception exception, string ticketNumber);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not forget {Count} scheduling markers; the repair sweep drops them")]
    private static partial void LogForgetFailed(ILogger logger, Exception exception, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Orchestration of ticket {TicketNumber} was {Status}: scheduled")]
    private static partial void LogRepaired(ILogger logger, string ticketNumber, string status);
}
