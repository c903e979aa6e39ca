using Azure;
using Azure.Data.Tables;

namespace Assist.Storage.Workflow;

/// <summary>
/// The fold of an exactly-once counter partition, shared by the department counters (<see cref="CounterLedger"/>)
/// and the report counter families (<see cref="Reports.CounterFamily"/>). A partition holds an aggregate row
/// (<see cref="WorkflowKeys.CounterTotalRow"/>) and delta rows keyed by (ticket, version), written with
/// <c>Folded = false</c>. A fold adds up to 99 unfolded deltas into the aggregate and marks them folded in one
/// entity-group transaction, deleting folded markers older than <see cref="FoldedRetention"/> in the
/// same transaction. It asks the service only for those rows: a busy month keeps thousands of folded markers (they
/// are what makes a late re-dispatch find its key taken), and reading them all on every fold cost a page per
/// thousand markers, and on Azurite a scan of the whole table per page.
/// </summary>
internal static class CounterFold
{
    /// <summary>How long a folded marker is kept: a re-dispatch of its event within this time still finds its key taken.</summary>
    public static readonly TimeSpan FoldedRetention = TimeSpan.FromDays(2);

    public const string Folded = "Folded";
    public const string FoldedAt = "FoldedAt";

    /// <summary>Marks a new delta row unfolded: the fold finds it by <c>Folded eq false</c>.</summary>
    public static TableEntity Unfolded(TableEntity delta)
    {
        delta[Folded] = false;
        return delta;
    }

    /// <summary>A folded marker (counted in the aggregate already): readers skip it.</summary>
    public static bool IsFolded(TableEntity row) => row.GetBoolean(Folded) == true;

    /// <summary>
    /// Folds the partition's unfolded deltas. <paramref name="aggregate"/> builds the new aggregate row from the old one
    /// (null before the first fold) and the deltas taken; <paramref name="describe"/> adds the columns that name the
    /// partition's series to each folded marker. Losing a race to another folder is fine: the deltas stay unfolded and
    /// are still counted by readers until a later fold.
    /// </summary>
    public static async Task FoldAsync(
        TableClient counters,
        string partition,
        DateTimeOffset now,
        Func<TableEntity?, IReadOnlyList<TableEntity>, TableEntity> aggregate,
        Action<TableEntity> describe,
        CancellationToken cancellationToken)
    {
        TableEntity? total = null;
        var unfolded = new List<TableEntity>();
        var expired = new List<TableEntity>();
        var expiredBefore = now - FoldedRetention;
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition} and (RowKey eq {WorkflowKeys.CounterTotalRow} or Folded eq {false} or FoldedAt lt {expiredBefore})");
        await foreach (var row in counters.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            if (row.RowKey == WorkflowKeys.CounterTotalRow)
            {
                total = row;
            }
            else if (!IsFolded(row))
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
        unfolded = [.. unfolded.Take(TableStorage.MaxTransactionActions - 1)];
        expired = [.. expired.Take(TableStorage.MaxTransactionActions - 1 - unfolded.Count)];
        var next = aggregate(total, unfolded);
        next.PartitionKey = partition;
        next.RowKey = WorkflowKeys.CounterTotalRow;
        var actions = new List<TableTransactionAction>
        {
            total is null
                ? new TableTransactionAction(TableTransactionActionType.Add, next)
                : new TableTransactionAction(TableTransactionActionType.UpdateReplace, next, total.ETag),
        };
        actions.AddRange(unfolded.Select(row =>
        {
            var marker = new TableEntity(partition, row.RowKey) { [Folded] = true, [FoldedAt] = now };
            describe(marker);
            return new TableTransactionAction(TableTransactionActionType.UpdateReplace, marker, row.ETag);
        }));
        actions.AddRange(expired.Select(row => new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(partition, row.RowKey), row.ETag)));
        try
        {
            await counters.SubmitTransactionAsync(actions, cancellationToken);
        }
        catch (RequestFailedException exception) when (StorageConflicts.IsLostRace(exception))
        {
            // Another instance folded first; what it did not fold, the next fold will.
        }
    }
}
