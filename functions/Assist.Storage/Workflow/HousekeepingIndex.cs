using System.Collections.Concurrent;
using Azure;
using Azure.Data.Tables;

namespace Assist.Storage.Workflow;

/// <summary>
/// The housekeeping index in <c>DueTimers</c> ("to be scheduled" markers of submissions, idempotency-key expiries;
/// ticket timers are the Durable orchestrations' now): rows in UTC minute-bucket partitions, and per UTC day a partition listing the
/// non-empty buckets, so a sweep reads one day-index partition per day and then only the buckets that hold rows.
/// A row is never written into a bucket earlier than the writer's current minute: the sweep keeps its cursor a
/// margin behind "now", so a row written while a sweep runs is still read by the next one.
/// </summary>
internal sealed class HousekeepingIndex(WorkflowStorage storage)
{
    /// <summary>How far the cursor stays behind the sweep's "now": longer than any single write takes.</summary>
    public static readonly TimeSpan CursorMargin = TimeSpan.FromMinutes(2);

    /// <summary>
    /// A "to be scheduled" marker for <paramref name="ticketNumber"/>, due (taken as abandoned) at <paramref name="dueAt"/>.
    /// </summary>
    public static TableEntity Marker(string ticketNumber, DateTimeOffset dueAt) =>
        new("", WorkflowKeys.Dispatch(ticketNumber)) { ["Ticket"] = ticketNumber, ["DueAt"] = dueAt };

    private const int MaxRemembered = 10_000;
    private readonly ConcurrentDictionary<string, byte> _indexed = new(StringComparer.Ordinal);

    /// <summary>Writes (upserts) a row into the bucket of <paramref name="dueAt"/> (or the current minute if that is earlier).</summary>
    public async Task<string> PutAsync(TableEntity row, DateTimeOffset dueAt, CancellationToken cancellationToken)
    {
        var bucket = BucketFor(dueAt);
        await IndexAsync(bucket, cancellationToken);
        row.PartitionKey = bucket;
        await storage.DueTimers.UpsertEntityAsync(row, TableUpdateMode.Replace, cancellationToken);
        return bucket;
    }

    /// <summary>Writes (upserts) rows due at the same instant into its bucket in one entity-group transaction (at most 100).</summary>
    public async Task<string> PutBatchAsync(IReadOnlyList<TableEntity> rows, DateTimeOffset dueAt, CancellationToken cancellationToken)
    {
        var bucket = BucketFor(dueAt);
        await IndexAsync(bucket, cancellationToken);
        foreach (var row in rows)
        {
            row.PartitionKey = bucket;
        }

        await storage.DueTimers.SubmitTransactionAsync(rows.Select(row => new TableTransactionAction(TableTransactionActionType.UpsertReplace, row)), cancellationToken);
        return bucket;
    }

    /// <summary>
    /// Deletes pending-dispatch markers, those of one bucket in one transaction (at most 100 actions); a marker
    /// already gone (taken by a sweep) makes its batch fail whole, so that batch is retried row by row.
    /// </summary>
    public async Task DeleteMarkersAsync(IEnumerable<ScheduleMarker> markers, CancellationToken cancellationToken)
    {
        foreach (var bucket in markers.Distinct().GroupBy(marker => marker.Bucket, StringComparer.Ordinal))
        {
            foreach (var chunk in bucket.Chunk(TableStorage.MaxTransactionActions))
            {
                try
                {
                    await storage.DueTimers.SubmitTransactionAsync(
                        chunk.Select(marker => new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(bucket.Key, marker.RowKey), ETag.All)),
                        cancellationToken);
                }
                catch (RequestFailedException exception) when (StorageConflicts.IsNotFound(exception))
                {
                    foreach (var marker in chunk)
                    {
                        await DeleteAsync(marker.Bucket, marker.RowKey, cancellationToken);
                    }
                }
            }
        }
    }

    public Task DeleteAsync(string bucket, string rowKey, CancellationToken cancellationToken) =>
        storage.DueTimers.DeleteEntityAsync(bucket, rowKey, cancellationToken: cancellationToken);

    /// <summary>
    /// Deletes rows of one bucket read earlier, at most <see cref="TableStorage.MaxTransactionActions"/> per
    /// entity-group transaction, each only if unchanged since it was read. Returns how many rows were kept because
    /// they changed meanwhile (they come due again in the next sweep). A row already gone was deleted by another sweeper.
    /// </summary>
    public async Task<int> DeleteReadRowsAsync(string bucket, IReadOnlyCollection<TableEntity> rows, CancellationToken cancellationToken)
    {
        var kept = 0;
        foreach (var chunk in rows.Chunk(TableStorage.MaxTransactionActions))
        {
            try
            {
                await storage.DueTimers.SubmitTransactionAsync(
                    chunk.Select(row => new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(bucket, row.RowKey), row.ETag)),
                    cancellationToken);
            }
            catch (RequestFailedException exception) when (StorageConflicts.IsLostRace(exception))
            {
                // One row of the batch was deleted by another sweeper or rewritten: the batch failed whole, so row by row.
                foreach (var row in chunk)
                {
                    try
                    {
                        await storage.DueTimers.DeleteEntityAsync(bucket, row.RowKey, row.ETag, cancellationToken);
                    }
                    catch (RequestFailedException rowException) when (StorageConflicts.IsConditionFailed(rowException))
                    {
                        kept++;
                    }
                }
            }
        }

        return kept;
    }

    /// <summary>The non-empty buckets from <paramref name="fromBucket"/> to <paramref name="toBucket"/> inclusive, in order.</summary>
    public async Task<List<string>> ListBucketsAsync(string fromBucket, string toBucket, CancellationToken cancellationToken)
    {
        var buckets = new List<string>();
        var day = WorkflowKeys.BucketStart(fromBucket).UtcDateTime.Date;
        var lastDay = WorkflowKeys.BucketStart(toBucket).UtcDateTime.Date;
        for (; day <= lastDay; day = day.AddDays(1))
        {
            var partition = WorkflowKeys.DayIndex(WorkflowKeys.Bucket(new DateTimeOffset(day, TimeSpan.Zero)));
            var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {fromBucket} and RowKey le {toBucket}");
            await foreach (var row in storage.DueTimers.QueryAsync<TableEntity>(filter, select: [nameof(TableEntity.RowKey)], cancellationToken: cancellationToken))
            {
                buckets.Add(row.RowKey);
            }
        }

        return buckets;
    }

    public async Task<List<TableEntity>> ReadBucketAsync(string bucket, CancellationToken cancellationToken)
    {
        var rows = new List<TableEntity>();
        await foreach (var row in storage.DueTimers.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {bucket}"), cancellationToken: cancellationToken))
        {
            rows.Add(row);
        }

        return rows;
    }

    /// <summary>Forgets an emptied bucket behind the cursor (no writer targets it any more).</summary>
    public async Task ForgetBucketAsync(string bucket, CancellationToken cancellationToken)
    {
        await storage.DueTimers.DeleteEntityAsync(WorkflowKeys.DayIndex(bucket), bucket, cancellationToken: cancellationToken);
        _indexed.TryRemove(bucket, out _);
    }

    /// <summary>The bucket a row due at <paramref name="dueAt"/> goes in: its minute, or the current one if that is later.</summary>
    public string BucketFor(DateTimeOffset dueAt)
    {
        var now = storage.Time.GetUtcNow();
        return WorkflowKeys.Bucket(dueAt < now ? now : dueAt);
    }

    /// <summary>Lists <paramref name="bucket"/> in its day index (once per instance): do it before writing rows into the bucket.</summary>
    public async Task IndexAsync(string bucket, CancellationToken cancellationToken)
    {
        if (_indexed.ContainsKey(bucket))
        {
            return;
        }

        await storage.DueTimers.UpsertEntityAsync(new TableEntity(WorkflowKeys.DayIndex(bucket), bucket), TableUpdateMode.Merge, cancellationToken);
        if (_indexed.Count > MaxRemembered)
        {
            _indexed.Clear();
        }

        _indexed[bucket] = 0;
    }
}
