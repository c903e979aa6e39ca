using System.Collections.Concurrent;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;

namespace Assist.Storage.Workflow;

/// <summary>
/// Ticket numbers drawn ahead of time, each with its pending-dispatch marker already in the due index, so a
/// submission's only storage call before its answer is the commit itself. The marker must exist before the commit
/// (it is how the sweep finds a committed ticket whose dispatch never ran); writing it in advance, a hundred at a time
/// in one entity-group transaction of one minute bucket, takes it off the submission's path.
/// <para>
/// A number is handed out only while its marker has at least half its grace left, and only on the China date it
/// names; a marker whose number was never used is found by the sweep, which sees no ticket and deletes it. Numbers
/// are random (31⁶ a day), so a prepared one that collides is simply dropped and another drawn.
/// </para>
/// </summary>
internal sealed class PreparedNumbers(WorkflowStorage storage, DueIndex dueIndex, Func<string> draw, TimeSpan grace)
{
    /// <summary>Numbers prepared per refill: one full transaction (at most 100 rows) in one bucket.</summary>
    public const int BatchSize = 100;

    /// <summary>
    /// Refill below this: at a thousand submissions a second with 64 at once, a refill's round trip must land before
    /// the pool runs dry, or submissions fall back to writing their own markers (a second call before the answer).
    /// </summary>
    private const int LowWater = 60;

    private readonly ConcurrentQueue<Prepared> _pool = new();
    private readonly ILogger _logger = storage.Loggers.CreateLogger<PreparedNumbers>();
    private int _refilling;

    /// <summary>A prepared number whose marker is still fresh, or null (the caller then writes a marker itself); tops the pool up in the background.</summary>
    public Prepared? TryTake()
    {
        var now = storage.Time.GetUtcNow();
        var prefix = TicketService.NumberPrefix(now);
        Prepared? taken = null;
        while (_pool.TryDequeue(out var candidate))
        {
            if (candidate.FreshUntil > now && candidate.Number.StartsWith(prefix, StringComparison.Ordinal))
            {
                taken = candidate;
                break;
            }
        }

        if (_pool.Count < LowWater)
        {
            Refill();
        }

        return taken;
    }

    /// <summary>Puts back a number a submission did not use (it was refused), while its marker is fresh.</summary>
    public void Return(Prepared prepared)
    {
        ArgumentNullException.ThrowIfNull(prepared);
        _pool.Enqueue(prepared);
    }

    private void Refill()
    {
        if (Interlocked.CompareExchange(ref _refilling, 1, 0) != 0)
        {
            return;
        }

        _ = Task.Run(async () =>
        {
            try
            {
                await RefillAsync(CancellationToken.None);
            }
            catch (Exception exception)
            {
                // Submissions write their own markers meanwhile; the next take tries again.
                _logger.LogWarning(exception, "Preparing ticket numbers failed");
            }
            finally
            {
                Volatile.Write(ref _refilling, 0);
            }
        });
    }

    private async Task RefillAsync(CancellationToken cancellationToken)
    {
        var now = storage.Time.GetUtcNow();
        var dueAt = now + grace;
        var numbers = Enumerable.Range(0, BatchSize).Select(_ => draw()).Distinct(StringComparer.Ordinal).ToList();
        var bucket = await dueIndex.PutBatchAsync(
            numbers.Select(number =>
            {
                var marker = DueIndex.Marker(number, dueAt, firstCommit: true);
                marker["Prepared"] = true;
                return marker;
            }).ToList(),
            dueAt,
            cancellationToken);
        var freshUntil = now + grace / 2;
        foreach (var number in numbers)
        {
            _pool.Enqueue(new Prepared(number, (bucket, WorkflowKeys.Dispatch(number)), freshUntil));
        }
    }

    public sealed record Prepared(string Number, (string Bucket, string RowKey) Marker, DateTimeOffset FreshUntil);
}
