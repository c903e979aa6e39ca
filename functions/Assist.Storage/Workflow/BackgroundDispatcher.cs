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
/// Group commit: a worker lets a quiet queue gather for <see cref="WorkflowOptions.BackgroundDispatchLinger"/>, takes
/// every queued submission up to <see cref="WorkflowOptions.BackgroundDispatchGroup"/> at once and hands them to their
/// dispatch together, which writes rows that share a partition (a desk, a department queue, a minute of timers, a
/// month's counters) in one entity-group transaction: the busier intake is, the larger the groups and the fewer
/// storage calls per ticket (24 submissions: 84 calls together, 529 one by one).
/// </remarks>
public sealed class BackgroundDispatcher
{
    private readonly Channel<QueuedSubmission> _work;
    private readonly ILogger _logger;
    private readonly int _workers;
    private readonly int _group;
    private readonly TimeSpan _linger;
    private TaskCompletionSource _flush = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _pending;
    private volatile bool _running;

    public BackgroundDispatcher(WorkflowStorage storage)
    {
        ArgumentNullException.ThrowIfNull(storage);
        var capacity = Math.Max(1, storage.Options.BackgroundDispatchCapacity);
        _workers = Math.Max(1, storage.Options.BackgroundDispatchWorkers);
        _group = Math.Max(1, storage.Options.BackgroundDispatchGroup);
        _linger = storage.Options.BackgroundDispatchLinger;
        Enabled = storage.Options.BackgroundDispatch;
        // A full queue makes the next submit wait for room: back-pressure instead of an unbounded backlog in memory.
        _work = Channel.CreateBounded<QueuedSubmission>(new BoundedChannelOptions(capacity)
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

    /// <summary>Queues <paramref name="work"/>; false if the queue is not running (the caller then does it inline).</summary>
    public async ValueTask<bool> TryEnqueueAsync(QueuedSubmission work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        if (!_running)
        {
            return false;
        }

        Interlocked.Increment(ref _pending);
        try
        {
            await _work.Writer.WriteAsync(work, cancellationToken);
            return true;
        }
        catch (Exception exception) when (exception is ChannelClosedException or OperationCanceledException)
        {
            Interlocked.Decrement(ref _pending);
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
    /// Gives a burst a moment (<see cref="WorkflowOptions.BackgroundDispatchLinger"/>) to gather into one group
    /// unless a full group is already waiting, the queue is closing, or someone is waiting for the queue to empty.
    /// </summary>
    private async Task LingerAsync()
    {
        if (_linger <= TimeSpan.Zero || _work.Reader.Count >= _group || !_running)
        {
            return;
        }

        var flush = Volatile.Read(ref _flush);
        await Task.WhenAny(Task.Delay(_linger), flush.Task);
        if (flush.Task.IsCompleted)
        {
            Interlocked.CompareExchange(ref _flush, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously), flush);
        }
    }

    private async Task WorkAsync(CancellationToken abandon)
    {
        var group = new List<QueuedSubmission>(_group);
        while (await _work.Reader.WaitToReadAsync(CancellationToken.None))
        {
            group.Clear();
            await LingerAsync();
            while (group.Count < _group && _work.Reader.TryRead(out var work))
            {
                group.Add(work);
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
                    Interlocked.Add(ref _pending, -items.Count);
                }
            }
        }
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
