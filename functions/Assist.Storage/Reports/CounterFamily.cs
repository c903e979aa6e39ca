using Assist.Storage.Pipeline;
using Assist.Storage.Tables;
using Assist.Storage.Workflow;

namespace Assist.Storage.Reports;

/// <summary>
/// Exactly-once counters of named Int64 columns, on the same scheme as the department counters
/// (<see cref="CounterLedger"/>): a partition per (family, period, series) holds an aggregate row and delta rows
/// keyed by (ticket, version); adding a delta twice fails on its key, so a re-dispatch counts nothing twice. A fold
/// adds unfolded deltas into the aggregate and marks them folded in one entity-group transaction; readers sum the
/// aggregate and whatever is still unfolded. Unlike the department counters, the fold asks the service only for
/// the rows it needs (aggregate, unfolded, expired markers), so old markers are not read on every fold.
/// </summary>
internal sealed class CounterFamily(WorkflowStorage storage, string family, IReadOnlyList<string> columns)
{
    private const string Folded = "Folded";
    private const string FoldedAt = "FoldedAt";
    private const string Series = "Series";
    private const string Period = "Period";

    public string Name => family;

    public IReadOnlyList<string> Columns => columns;

    /// <summary>Records one event's delta for <paramref name="series"/> in <paramref name="period"/> once; some events also fold the partition (<see cref="FoldSchedule"/>).</summary>
    public async Task AddAsync(string period, string series, string ticket, int version, IReadOnlyDictionary<string, long> delta, CancellationToken cancellationToken)
    {
        var row = DeltaRow(period, series, ticket, version, delta);
        var partition = row.PartitionKey;
        try
        {
            await storage.Counters.AddEntityAsync(row, cancellationToken);
        }
        catch (StorageRequestFailedException exception) when (StorageConflicts.IsAlreadyExists(exception))
        {
            // Counted before (a re-dispatch): exactly-once is the point of the key.
        }

        if (FoldSchedule.IsDue(ticket, version))
        {
            await FoldAsync(partition, period, series, cancellationToken);
        }
    }

    /// <summary>Adds one event's delta to a group's writes (see <see cref="Workflow.CounterLedger.Plan"/>), with the fold it makes due.</summary>
    public void Plan(GroupedWrites writes, string period, string series, string ticket, int version, IReadOnlyDictionary<string, long> delta)
    {
        var row = DeltaRow(period, series, ticket, version, delta);
        writes.Add(storage.Counters, TableTransactionActionType.Add, row, ticket);
        if (FoldSchedule.IsDue(ticket, version))
        {
            writes.Fold(row.PartitionKey, token => FoldAsync(row.PartitionKey, period, series, token));
        }
    }

    private TableEntity DeltaRow(string period, string series, string ticket, int version, IReadOnlyDictionary<string, long> delta)
    {
        var row = Write(new TableEntity(ReportKeys.CounterPartition(family, period, series), ReportKeys.CounterDelta(ticket, version)), delta, period, series);
        row[Folded] = false;
        return row;
    }

    /// <summary>
    /// Writes pre-summed rows (a bulk load): one unfolded delta per partition, keyed by <paramref name="loadId"/>,
    /// so loading the same batch twice counts it once. Rows are grouped into entity-group transactions per partition.
    /// </summary>
    public async Task AddBulkAsync(string loadId, IEnumerable<(string Period, string Series, IReadOnlyDictionary<string, long> Totals)> rows, CancellationToken cancellationToken)
    {
        foreach (var (period, series, totals) in rows)
        {
            var row = Write(new TableEntity(ReportKeys.CounterPartition(family, period, series), "d|bulk|" + loadId), totals, period, series);
            row[Folded] = false;
            await storage.Counters.UpsertEntityAsync(row, TableUpdateMode.Replace, cancellationToken);
        }
    }

    /// <summary>Sums per series over partitions <c>family|from…</c> up to (not including) <c>family|to…</c>: one range query.</summary>
    public async Task<Dictionary<(string Period, string Series), Dictionary<string, long>>> ReadRangeAsync(string fromPeriod, string toPeriodExclusive, CancellationToken cancellationToken)
    {
        var totals = new Dictionary<(string, string), Dictionary<string, long>>();
        var filter = TableFilter.Create($"PartitionKey ge {family + "|" + fromPeriod + "|"} and PartitionKey lt {family + "|" + toPeriodExclusive + "|"}");
        await foreach (var row in storage.Counters.QueryAsync(filter, cancellationToken: cancellationToken))
        {
            if (row.GetBoolean(Folded) == true || row.GetString(Series) is not { } series || row.GetString(Period) is not { } period)
            {
                continue;
            }

            if (!totals.TryGetValue((period, series), out var sum))
            {
                totals[(period, series)] = sum = columns.ToDictionary(c => c, _ => 0L, StringComparer.Ordinal);
            }

            foreach (var column in columns)
            {
                sum[column] += row.GetInt64(column) ?? 0;
            }
        }

        return totals;
    }

    /// <summary>Folds the partition's unfolded deltas; losing a race is fine, the next fold takes what is left.</summary>
    private async Task FoldAsync(string partition, string period, string series, CancellationToken cancellationToken)
    {
        var now = storage.Time.GetUtcNow();
        var expiredBefore = now - CounterLedger.FoldedRetention;
        TableEntity? total = null;
        var unfolded = new List<TableEntity>();
        var expired = new List<TableEntity>();
        var filter = TableFilter.Create($"PartitionKey eq {partition} and (RowKey eq {ReportKeys.CounterTotalRow} or Folded eq {false} or FoldedAt lt {expiredBefore})");
        await foreach (var row in storage.Counters.QueryAsync(filter, cancellationToken: cancellationToken))
        {
            if (row.RowKey == ReportKeys.CounterTotalRow)
            {
                total = row;
            }
            else if (row.GetBoolean(Folded) != true)
            {
                unfolded.Add(row);
            }
            else
            {
                expired.Add(row);
            }
        }

        if (unfolded.Count == 0)
        {
            return;
        }

        // One transaction holds at most 100 actions: the aggregate and up to 99 deltas or expired markers.
        unfolded = [.. unfolded.Take(TableClient.MaxTransactionActions - 1)];
        expired = [.. expired.Take(TableClient.MaxTransactionActions - 1 - unfolded.Count)];
        var sum = columns.ToDictionary(c => c, c => total?.GetInt64(c) ?? 0, StringComparer.Ordinal);
        foreach (var row in unfolded)
        {
            foreach (var column in columns)
            {
                sum[column] += row.GetInt64(column) ?? 0;
            }
        }

        var aggregate = Write(new TableEntity(partition, ReportKeys.CounterTotalRow), sum, period, series);
        var actions = new List<TableTransactionAction>
        {
            total is null
                ? new TableTransactionAction(TableTransactionActionType.Add, aggregate)
                : new TableTransactionAction(TableTransactionActionType.UpdateReplace, aggregate, total.ETag),
        };
        actions.AddRange(unfolded.Select(row => new TableTransactionAction(
            TableTransactionActionType.UpdateReplace,
            new TableEntity(partition, row.RowKey) { [Folded] = true, [FoldedAt] = now, [Series] = series, [Period] = period },
            row.ETag)));
        actions.AddRange(expired.Select(row => new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(partition, row.RowKey), row.ETag)));
        try
        {
            await storage.Counters.SubmitTransactionAsync(actions, cancellationToken);
        }
        catch (StorageRequestFailedException exception) when (StorageConflicts.IsLostRace(exception))
        {
            // Another instance folded first; what it did not fold, the next fold will.
        }
    }

    private TableEntity Write(TableEntity row, IReadOnlyDictionary<string, long> values, string period, string series)
    {
        foreach (var column in columns)
        {
            row[column] = values.GetValueOrDefault(column);
        }

        row[Series] = series;
        row[Period] = period;
        return row;
    }
}
