using Assist.Domain.Scoring;
using Azure;
using Azure.Data.Tables;

namespace Assist.Storage.Workflow;

/// <summary>
/// Exactly-once monthly counters per department in <c>Counters</c>. A partition per (month, department) holds the
/// aggregate row and delta rows keyed by (ticket, version). Adding a delta twice fails on its key, so a re-dispatch
/// counts nothing twice. Folding (<see cref="CounterFold"/>) adds unfolded deltas into the aggregate and marks them
/// folded in one entity-group transaction; folded markers are kept for <see cref="CounterFold.FoldedRetention"/> (so a late re-dispatch of the same
/// event still finds its key taken) and then deleted by a later fold. A month's counters are the aggregates plus
/// the unfolded deltas: one range query over the month's partitions, never a scan of tickets.
/// </summary>
internal sealed class CounterLedger(WorkflowStorage storage)
{
    private static readonly (string Name, Func<DepartmentCounts, int> Get)[] Fields =
    [
        (nameof(DepartmentCounts.SignInsDue), c => c.SignInsDue),
        (nameof(DepartmentCounts.SignedInOnTime), c => c.SignedInOnTime),
        (nameof(DepartmentCounts.Replied), c => c.Replied),
        (nameof(DepartmentCounts.Answered), c => c.Answered),
        (nameof(DepartmentCounts.Resolved), c => c.Resolved),
        (nameof(DepartmentCounts.VerySatisfied), c => c.VerySatisfied),
        (nameof(DepartmentCounts.Satisfied), c => c.Satisfied),
        (nameof(DepartmentCounts.BasicallySatisfied), c => c.BasicallySatisfied),
        (nameof(DepartmentCounts.Dissatisfied), c => c.Dissatisfied),
        (nameof(DepartmentCounts.VeryDissatisfied), c => c.VeryDissatisfied),
        (nameof(DepartmentCounts.Unrated), c => c.Unrated),
        (nameof(DepartmentCounts.Overdue), c => c.Overdue),
        (nameof(DepartmentCounts.Returns), c => c.Returns),
        (nameof(DepartmentCounts.ImproperReturns), c => c.ImproperReturns),
        (nameof(DepartmentCounts.Extensions), c => c.Extensions),
    ];

    /// <summary>Records the deltas of one event (ticket, version) once; every <see cref="FoldSchedule.Every"/>th event also folds the touched partitions.</summary>
    public async Task AddAsync(string month, string ticket, int version, IEnumerable<DepartmentCounts> deltas, CancellationToken cancellationToken)
    {
        foreach (var row in DeltaRows(month, ticket, version, deltas))
        {
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
                await FoldAsync(row.PartitionKey, row.GetString("DepartmentId")!, cancellationToken);
            }
        }
    }

    /// <summary>One delta row per department, keyed by (ticket, version): adding it twice fails on the key.</summary>
    private static IEnumerable<TableEntity> DeltaRows(string month, string ticket, int version, IEnumerable<DepartmentCounts> deltas)
    {
        foreach (var delta in deltas.GroupBy(d => d.DepartmentId).Select(g => g.Aggregate((a, b) => a.Add(b))))
        {
            var row = Write(new TableEntity(WorkflowKeys.CounterPartition(month, delta.DepartmentId), WorkflowKeys.CounterDelta(ticket, version)), delta);
            row["DepartmentId"] = delta.DepartmentId;
            yield return CounterFold.Unfolded(row);
        }
    }

    /// <summary>
    /// Writes the pre-summed counts of a bulk load (seeding, benchmarks) as one unfolded delta per partition, keyed by
    /// <paramref name="loadId"/>: loading the same batch twice counts it once, and the next fold takes it in.
    /// </summary>
    public async Task AddBulkAsync(string loadId, string month, IEnumerable<DepartmentCounts> totals, CancellationToken cancellationToken)
    {
        foreach (var total in totals)
        {
            var row = Write(new TableEntity(WorkflowKeys.CounterPartition(month, total.DepartmentId), "d|bulk|" + loadId), total);
            row["DepartmentId"] = total.DepartmentId;
            await storage.Counters.UpsertEntityAsync(CounterFold.Unfolded(row), TableUpdateMode.Replace, cancellationToken);
        }
    }

    public async Task<IReadOnlyDictionary<string, DepartmentCounts>> ReadMonthAsync(string month, CancellationToken cancellationToken)
    {
        var totals = new Dictionary<string, DepartmentCounts>(StringComparer.Ordinal);
        var filter = TableClient.CreateQueryFilter($"PartitionKey ge {month + "|"} and PartitionKey lt {month + "}"}");
        await foreach (var row in storage.Counters.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            if (CounterFold.IsFolded(row) || row.GetString("DepartmentId") is not { } department)
            {
                continue;
            }

            var counts = Read(row, department);
            totals[department] = totals.TryGetValue(department, out var sum) ? sum.Add(counts) : counts;
        }

        return totals;
    }

    /// <summary>Folds the partition's unfolded deltas into its aggregate (<see cref="CounterFold"/>).</summary>
    public Task FoldAsync(string partition, string departmentId, CancellationToken cancellationToken) =>
        CounterFold.FoldAsync(
            storage.Counters,
            partition,
            storage.Time.GetUtcNow(),
            (total, unfolded) =>
            {
                var sum = total is null ? DepartmentCounts.Zero(departmentId) : Read(total, departmentId);
                var aggregate = Write(new TableEntity(), unfolded.Aggregate(sum, (acc, row) => acc.Add(Read(row, departmentId))));
                aggregate["DepartmentId"] = departmentId;
                return aggregate;
            },
            marker => marker["DepartmentId"] = departmentId,
            cancellationToken);

    private static TableEntity Write(TableEntity row, DepartmentCounts counts)
    {
        foreach (var (name, get) in Fields)
        {
            row[name] = get(counts);
        }

        return row;
    }

    private static DepartmentCounts Read(TableEntity row, string departmentId)
    {
        int Get(string name) => row.GetInt32(name) ?? 0;
        return new DepartmentCounts(
            departmentId,
            Get(nameof(DepartmentCounts.SignInsDue)),
            Get(nameof(DepartmentCounts.SignedInOnTime)),
            Get(nameof(DepartmentCounts.Replied)),
            CompletionsDue: 0, // by deadline, in the completion counters (CompletionDeltas)
            CompletedOnTime: 0,
            Get(nameof(DepartmentCounts.Answered)),
            Get(nameof(DepartmentCounts.Resolved)),
            Get(nameof(DepartmentCounts.VerySatisfied)),
            Get(nameof(DepartmentCounts.Satisfied)),
            Get(nameof(DepartmentCounts.BasicallySatisfied)),
            Get(nameof(DepartmentCounts.Dissatisfied)),
            Get(nameof(DepartmentCounts.VeryDissatisfied)),
            Get(nameof(DepartmentCounts.Unrated)),
            Get(nameof(DepartmentCounts.Overdue)),
            Get(nameof(DepartmentCounts.Returns)),
            Get(nameof(DepartmentCounts.ImproperReturns)),
            Get(nameof(DepartmentCounts.Extensions)));
    }
}
