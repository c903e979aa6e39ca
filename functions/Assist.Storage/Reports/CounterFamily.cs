using Assist.Storage.Workflow;
using Azure;
using Azure.Data.Tables;

namespace Assist.Storage.Reports;

/// <summary>
/// Exactly-once counters of named Int64 columns, on the same scheme as the department counters
/// (<see cref="CounterLedger"/>): a partition per (family, period, series) holds an aggregate row and delta rows
/// keyed by (ticket, version); adding a delta twice fails on its key, so a re-dispatch counts nothing twice. Folds
/// (<see cref="CounterFold"/>, shared with the department counters) add unfolded deltas into the aggregate; readers
/// sum the aggregate and whatever is still unfolded.
/// </summary>
internal sealed class CounterFamily(WorkflowStorage storage, string family, IReadOnlyList<string> columns)
{
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
        catch (RequestFailedException exception) when (StorageConflicts.IsAlreadyExists(exception))
        {
            // Counted before (a re-dispatch): exactly-once is the point of the key.
        }

        if (FoldSchedule.IsDue(ticket, version))
        {
            await FoldAsync(partition, period, series, cancellationToken);
        }
    }

    private TableEntity DeltaRow(string period, string series, string ticket, int version, IReadOnlyDictionary<string, long> delta)
    {
        return CounterFold.Unfolded(Write(new TableEntity(ReportKeys.CounterPartition(family, period, series), ReportKeys.CounterDelta(ticket, version)), delta, period, series));
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
            await storage.Counters.UpsertEntityAsync(CounterFold.Unfolded(row), TableUpdateMode.Replace, cancellationToken);
        }
    }

    /// <summary>Sums per series over partitions <c>family|from…</c> up to (not including) <c>family|to…</c>: one range query.</summary>
    public async Task<Dictionary<(string Period, string Series), Dictionary<string, long>>> ReadRangeAsync(string fromPeriod, string toPeriodExclusive, CancellationToken cancellationToken)
    {
        var totals = new Dictionary<(string, string), Dictionary<string, long>>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey ge {family + "|" + fromPeriod + "|"} and PartitionKey lt {family + "|" + toPeriodExclusive + "|"}");
        await foreach (var row in storage.Counters.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            if (CounterFold.IsFolded(row) || row.GetString(Series) is not { } series || row.GetString(Period) is not { } period)
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

    /// <summary>Folds the partition's unfolded deltas (<see cref="CounterFold"/>).</summary>
    private Task FoldAsync(string partition, string period, string series, CancellationToken cancellationToken) =>
        CounterFold.FoldAsync(
            storage.Counters,
            partition,
            storage.Time.GetUtcNow(),
            (total, unfolded) =>
            {
                var sum = columns.ToDictionary(c => c, c => total?.GetInt64(c) ?? 0, StringComparer.Ordinal);
                foreach (var row in unfolded)
                {
                    foreach (var column in columns)
                    {
                        sum[column] += row.GetInt64(column) ?? 0;
                    }
                }

                return Write(new TableEntity(), sum, period, series);
            },
            marker =>
            {
                marker[Series] = series;
                marker[Period] = period;
            },
            cancellationToken);

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
