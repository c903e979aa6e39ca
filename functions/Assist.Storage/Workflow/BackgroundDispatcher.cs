using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace Assist.Storage.Workflow;

/// <summary>
/// Dispatches committed submissions after the enterprise has its answer. A submit is acknowledged once its events,
/// head and outbox are committed (and its pending-dispatch marker is in the due index); projecting it onto desks,
/// queues, counters, reports and inboxes — some twenty storage calls — then runs here, on a few background workers.
/// Nothing is lost if the process dies with work queued: the marker stays, and the sweep finishes the outbox once
/// the marker's grace has passed. While the queue is not running (a library caller without a host, or
/// <see cref="WorkflowOptions.BackgroundDispatch"/> off) the engine dispatches inline as before.
/// </summary>
public sealed class BackgroundDispatcher
{
    private readonly Channel<Func<CancellationToken, Task>> _work;
    private readonly ILogger _logger;
    private readonly int _workers;
    private int _pending;
    private volatile bool _running;

    public BackgroundDispatcher(WorkflowStorage storage)
    {
        ArgumentNullException.ThrowIfNull(storage);
        var capacity = Math.Max(1, storage.Options.BackgroundDispatchCapacity);
        _workers = Math.Max(1, storage.Options.BackgroundDispatchWorkers);
        Enabled = storage.Options.BackgroundDispatch;
        // A full queue makes the next submit wait for room: back-pressure instead of an unbounded backlog in memory.
        _work = Channel.CreateBounded<Func<CancellationToken, Task>>(new BoundedChannelOptions(capacity)
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
    public async ValueTask<bool> TryEnqueueAsync(Func<CancellationToken, Task> work, CancellationToken cancellationToken)
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
            await Task.Delay(TimeSpan.FromMilliseconds(5), cancellationToken);
        }
    }

    private async Task WorkAsync(CancellationToken abandon)
    {
        await foreach (var work in _work.Reader.ReadAllAsync(CancellationToken.None))
        {
            try
            {
                if (!abandon.IsCancellationRequested)
                {
                    await work(abandon);
                }
            }
            catch (OperationCanceledException) when (abandon.IsCancellationRequested)
            {
                _logger.LogInformation("Background dispatch abandoned at shutdown; the sweep will finish it");
            }
            catch (Exception exception)
            {
                // The work's own handler logs storage failures; anything else must not stop the worker.
                _logger.LogError(exception, "Background dispatch failed; the sweep will finish it");
            }
            finally
            {
                Interlocked.Decrement(ref _pending);
            }
        }
    }
}
