using System.Collections.Concurrent;
using System.Diagnostics;
using OpenTelemetry;

namespace Assist.Functions.Tests.Deployment;

/// <summary>An in-memory span exporter that lets a test wait for the span it expects (spans end after responses are sent).</summary>
public sealed class SpanCollector : BaseExporter<Activity>
{
    private readonly ConcurrentQueue<Activity> _spans = new();
    private readonly List<(Func<Activity, bool> Match, TaskCompletionSource<Activity> Found)> _waiters = [];
    private readonly Lock _gate = new();

    public IReadOnlyCollection<Activity> Spans => _spans;

    public override ExportResult Export(in Batch<Activity> batch)
    {
        foreach (var span in batch)
        {
            _spans.Enqueue(span);
            lock (_gate)
            {
                foreach (var waiter in _waiters.Where(w => w.Match(span)).ToList())
                {
                    waiter.Found.TrySetResult(span);
                    _waiters.Remove(waiter);
                }
            }
        }

        return ExportResult.Success;
    }

    /// <summary>
    /// The first exported span that matches, waiting for it if needed: a request's own span ends after its
    /// response is sent. The cancellation is only a guard against a hung test run.
    /// </summary>
    public Task<Activity> WaitForAsync(Func<Activity, bool> match, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var existing = _spans.FirstOrDefault(match);
            if (existing is not null)
            {
                return Task.FromResult(existing);
            }

            var found = new TaskCompletionSource<Activity>(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((match, found));
            cancellationToken.Register(() => found.TrySetCanceled(cancellationToken));
            return found.Task;
        }
    }
}
