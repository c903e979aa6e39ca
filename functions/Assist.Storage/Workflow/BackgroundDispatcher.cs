using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace Assist.Storage.Workflow;

/// <summary>
/// Dispatches committed submissions after the enterprise has its answer. A submit is acknowledged once its events,
/// head and outbox are committed (and its pending-dispatch marker is in the due index); projecting it onto desks,
/// queues, counters, reports and inboxes then runs here, on background workers (one by default).
/// Nothing is lost if the process dies with work queued: the marker stays, and the sweep finishes the outbox once
/// the marker's grace has passed. While the queue is not running (a library caller without a host, or
/// <see cref="WorkflowOptions.BackgroundDispatch"/> off) the engine dispatches inline as before.
/// </summary>
/// <remarks>
/// <para>
/// Group commit: a worker lets a quiet queue gather for <see cref="WorkflowOptions.BackgroundDispatchLinger"/>, takes
/// every queued submission up to <see cref="WorkflowOptions.BackgroundDispatchGroup"/> at once and hands them to their
/// dispatch together, which writes rows that share a partition (a desk, a department queue, a minute of timers, a
/// month's counters) in one entity-group transaction: the busier intake is, the larger the groups and the fewer
/// storage calls per ticket (24 submissions: 84 calls together, 529 one by one).
/// </para>
/// <para>
/// Answers first in a burst: while submissions arrive faster than <see cref="WorkflowOptions.BackgroundDispatchBurstRate"/>,
/// projecting them would compete with the commits the enterprises are waiting for (on the same partitions' servers,
/// and on Azurite for its one thread), so the workers hold off until intake pauses (for four lingers), the oldest
/// submission has waited <see cref="WorkflowOptions.BackgroundDispatchMaxDelay"/>, or three quarters of the buffer is taken — then
/// they project in full groups. A burst longer than that is projected alongside intake, as before.
/// </para>
/// </remarks>
public sealed class BackgroundDispatcher
{
    /// <summary>How often a worker holding off for a burst looks at the queue again.</summary>
    private static readonly TimeSpan BurstPoll = TimeSpan.FromMilliseconds(100);

    private readonly Channel<Queued> _work;
    private readonly ConcurrentDictionary<string, byte> _queuedTickets = new(StringComparer.Ordinal);
    private readonly ILogger _logger;
    private readonly TimeProvider _clock;
    private readonly DispatchPacing _pacing;
    private readonly int _workers;
    private readonly int _group;
    private TaskCompletionSource _flush = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _lastQueuedAt;
    private int _pending;
    private volatile bool _running;

    /// <param name="storage">The engine's storage and settings.</param>
    /// <param name="clock">
    /// The clock the workers pace themselves by (lingers, bursts); the system clock unless a test drives it. Not the
    /// engine's business clock: a submission waits real time for its projection whatever the calendar says.
    /// </param>
    public BackgroundDispatcher(WorkflowStorage storage, TimeProvider? clock = null)
    {
        ArgumentNullException.ThrowIfNull(storage);
        var options = storage.Options;
        var capacity = Math.Max(1, options.BackgroundDispatchCapacity);
        _workers = Math.Max(1, options.BackgroundDispatchWorkers);
        _group = Math.Max(1, options.BackgroundDispatchGroup);
        // Projection starts when three quarters of the buffer is taken, leaving the rest for intake meanwhile.
        _pacing = new DispatchPacing(options.BackgroundDispatchLinger, options.BackgroundDispatchBurstRate, options.BackgroundDispatchMaxDelay, Math.Max(1, capacity * 3 / 4));
        _clock = clock ?? TimeProvider.System;
        _lastQueuedAt = _clock.GetTimestamp();
        Enabled = options.BackgroundDispatch;
        // A full queue makes the next submit wait for room: back-pressure instead of an unbounded backlog in memory.
        _work = Channel.CreateBounded<Queued>(new BoundedChannelOptions(capacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = false,
            SingleWriter = false,
        });
        _logger = storage.Loggers.CreateLogger<BackgroundDispatcher>();
    }

    public bool Enabled { get; }

    /// <summary>Whether workers are taking work; the engine only queues while they are.</summary>
    public bool IsRunning => _running;

    /// <summary>Work queued or in progress.</summary>
    public int Pending => Volatile.Read(ref _pending);

    /// <summary>
    /// Whether this process has <paramref name="ticketNumber"/>'s submission queued or in progress: the sweep then
    /// leaves its pending-dispatch marker to the worker rather than projecting it a second time.
    /// </summary>
    public bool Holds(string ticketNumber) => _queuedTickets.ContainsKey(ticketNumber);

    /// <summary>Queues <paramref name="work"/>; false if the queue is not running (the caller then does it inline).</summary>
    public async ValueTask<bool> TryEnqueueAsync(QueuedSubmission work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        if (!_running)
        {
            return false;
        }

        Interlocked.Increment(ref _pending);
        var number = work.Batch.Record.Number;
        _queuedTickets[number] = 0;
        try
        {
            var now = _clock.GetTimestamp();
            await _work.Writer.WriteAsync(new Queued(work, now), cancellationToken);
            Volatile.Write(ref _lastQueuedAt, now);
            return true;
        }
        catch (Exception exception) when (exception is ChannelClosedException or OperationCanceledException)
        {
            Interlocked.Decrement(ref _pending);
            _queuedTickets.TryRemove(number, out _);
            if (exception is OperationCanceledException)
            {
                throw;
            }

            return false;
        }
    }

    /// <summary>
    /// Runs the workers until <paramref name="stopping"/> is signalled, then finishes what is queued (work that is
    /// still queued when <paramref name="abandon"/> is signalled is left to the sweep).
    /// </summary>
    public async Task RunAsync(CancellationToken stopping, CancellationToken abandon)
    {
        if (!Enabled)
        {
            return;
        }

        _running = true;
        await using var registration = stopping.Register(() =>
        {
            _running = false;
            _work.Writer.TryComplete();
            // A worker holding off for a burst finishes what is queued now.
            Volatile.Read(ref _flush).TrySetResult();
        });
        var workers = Enumerable.Range(0, _workers).Select(_ => Task.Run(() => WorkAsync(abandon), CancellationToken.None));
        await Task.WhenAll(workers);
    }

    /// <summary>Waits until nothing is queued or in progress (tests and benchmarks; shutdown uses <see cref="RunAsync"/>).</summary>
    public async Task WhenIdleAsync(CancellationToken cancellationToken = default)
    {
        while (Pending > 0)
        {
            // Whoever waits for the queue does not wait for a group to gather.
            Volatile.Read(ref _flush).TrySetResult();
            await Task.Delay(TimeSpan.FromMilliseconds(5), cancellationToken);
        }
    }

    /// <summary>
    /// Waits until <see cref="DispatchPacing"/> says the queue should be projected: at once when the queue is closing,
    /// someone waits for it, or three quarters of the buffer is taken; otherwise after a linger, or when a burst is over.
    /// </summary>
    private async Task WaitForTurnAsync()
    {
        while (true)
        {
            var flush = Volatile.Read(ref _flush);
            if (flush.Task.IsCompleted)
            {
                Interlocked.CompareExchange(ref _flush, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously), flush);
                return;
            }

            if (!_running || !_work.Reader.TryPeek(out var oldest))
            {
                return;
            }

            var now = _clock.GetTimestamp();
            var wait = _pacing.Wait(
                _work.Reader.Count,
                _clock.GetElapsedTime(oldest.QueuedAt, now),
                _clock.GetElapsedTime(Volatile.Read(ref _lastQueuedAt), now));
            if (wait <= TimeSpan.Zero)
            {
                return;
            }

            await Task.WhenAny(Task.Delay(wait < BurstPoll ? wait : BurstPoll, _clock), flush.Task);
        }
    }

    private async Task WorkAsync(CancellationToken abandon)
    {
        var group = new List<QueuedSubmission>(_group);
        while (await _work.Reader.WaitToReadAsync(CancellationToken.None))
        {
            group.Clear();
            await WaitForTurnAsync();
            while (group.Count < _group && _work.Reader.TryRead(out var queued))
            {
                group.Add(queued.Work);
            }

            if (group.Count == 0)
            {
                continue;
            }

            // One dispatch per owner (in a host there is one ticket service; tests may run several on one queue).
            foreach (var owned in group.GroupBy(work => work.Dispatch))
            {
                var items = owned.ToList();
                try
                {
                    if (!abandon.IsCancellationRequested)
                    {
                        await owned.Key(items, abandon);
                    }
                }
                catch (OperationCanceledException) when (abandon.IsCancellationRequested)
                {
                    _logger.LogInformation("Background dispatch of {Count} submissions abandoned at shutdown; the sweep will finish them", items.Count);
                }
                catch (Exception exception)
                {
                    // The dispatch's own handler logs storage failures; anything else must not stop the worker.
                    _logger.LogError(exception, "Background dispatch of {Count} submissions failed; the sweep will finish them", items.Count);
                }
                finally
                {
                    foreach (var item in items)
                    {
                        _queuedTickets.TryRemove(item.Batch.Record.Number, out _);
                    }

                    Interlocked.Add(ref _pending, -items.Count);
                }
            }
        }
    }
}

/// <summary>
/// When a background worker projects what is queued (pure, so the rules can be read and tested on their own):
/// <list type="bullet">
/// <item>at once when three quarters of the buffer (<paramref name="HighWater"/>) is taken, or the oldest submission has waited <paramref name="MaxDelay"/>;</item>
/// <item>otherwise the oldest waits at least <paramref name="Linger"/>, so a group can gather;</item>
/// <item>then, if submissions arrived faster than <paramref name="BurstRate"/> a second since the oldest, the worker
/// holds off until intake has paused for <see cref="BurstPause"/> (the burst is over) — answers first;</item>
/// <item>else it projects.</item>
/// </list>
/// </summary>
internal sealed record DispatchPacing(TimeSpan Linger, double BurstRate, TimeSpan MaxDelay, int HighWater)
{
    /// <summary>
    /// How long intake must pause for a burst to count as over: four lingers, so that a hiccup (a garbage collection
    /// in the app or in storage stalling every request for a moment) does not set the projection going mid-burst.
    /// </summary>
    public TimeSpan BurstPause => Linger * 4;

    /// <summary>How long to wait before projecting (zero or less: now), given what is queued and how long ago the oldest and the newest arrived.</summary>
    public TimeSpan Wait(int queued, TimeSpan oldestWaited, TimeSpan quietFor)
    {
        if (Linger <= TimeSpan.Zero || queued >= HighWater || oldestWaited >= MaxDelay)
        {
            return TimeSpan.Zero;
        }

        if (oldestWaited < Linger)
        {
            return Linger - oldestWaited;
        }

        var burst = queued / oldestWaited.TotalSeconds > BurstRate;
        if (!burst || quietFor >= BurstPause)
        {
            return TimeSpan.Zero;
        }

        var untilQuiet = BurstPause - quietFor;
        var untilDue = MaxDelay - oldestWaited;
        return untilQuiet < untilDue ? untilQuiet : untilDue;
    }
}

/// <summary>
/// A committed submission waiting for its projection: the commit as its writer knows it, the pending-dispatch marker
/// to remove once projected, and the dispatch that projects a group of them.
/// </summary>
public sealed record QueuedSubmission(
    CommittedBatch Batch,
    (string Bucket, string RowKey) Marker,
    Func<IReadOnlyList<QueuedSubmission>, CancellationToken, Task> Dispatch);

/// <summary>A submission in the queue with the (pacing clock's) timestamp it arrived at.</summary>
internal readonly record struct Queued(QueuedSubmission Work, long QueuedAt);
