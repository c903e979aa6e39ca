using System.Collections.Concurrent;
using Azure;
using Azure.Data.Tables;

namespace Assist.Storage.Workflow;

/// <summary>
/// Writes gathered from a group of tickets, submitted as one entity-group transaction per partition (at most 100
/// actions each), plus the counter folds they make due. A transaction refused on a conflict (a row already there, a
/// changed ETag) puts the ticket whose action failed "in doubt" and goes again without that ticket's actions; the
/// caller then projects the tickets in doubt one by one, the careful way. Any other failure is thrown.
/// </summary>
internal sealed class GroupedWrites
{
    /// <summary>Transactions in flight at once: enough to overlap round trips without flooding the account.</summary>
    public const int Parallelism = 4;

    private readonly Dictionary<(string Table, string Partition), (TableClient Client, List<(TableTransactionAction Action, string Ticket)> Actions)> _partitions = [];
    private readonly Dictionary<string, Func<CancellationToken, Task>> _folds = new(StringComparer.Ordinal);

    /// <summary>Adds <paramref name="row"/> for <paramref name="ticket"/>; a later action on the same row replaces an earlier one.</summary>
    public void Add(TableClient table, TableTransactionActionType type, TableEntity row, string ticket)
    {
        var key = (table.Name, row.PartitionKey);
        if (!_partitions.TryGetValue(key, out var partition))
        {
            _partitions[key] = partition = (table, []);
        }

        // Two actions on one row cannot share a transaction. Only upserts of a shared row (a cursor) ever repeat one;
        // an added row is keyed by its ticket, so a repeat would be a bug the service reports, not something to merge.
        if (type is not TableTransactionActionType.Add)
        {
            partition.Actions.RemoveAll(existing => existing.Action.Entity.RowKey == row.RowKey);
        }

        partition.Actions.Add((new TableTransactionAction(type, row), ticket));
    }

    /// <summary>Remembers a fold to run once after the writes (one per partition, however many deltas made it due).</summary>
    public void Fold(string partition, Func<CancellationToken, Task> fold) => _folds.TryAdd(partition, fold);

    /// <summary>Submits the writes of every ticket not in <paramref name="skip"/>; returns the tickets in doubt.</summary>
    public async Task<HashSet<string>> SubmitAsync(IReadOnlySet<string> skip, CancellationToken cancellationToken)
    {
        var inDoubt = new ConcurrentDictionary<string, byte>(StringComparer.Ordinal);
        var transactions = _partitions.Values
            .SelectMany(partition => partition.Actions.Where(action => !skip.Contains(action.Ticket))
                .Chunk(TableStorage.MaxTransactionActions)
                .Select(chunk => (partition.Client, Actions: chunk.ToList())))
            .ToList();
        await Parallel.ForEachAsync(transactions, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken }, async (transaction, token) =>
        {
            var actions = transaction.Actions;
            while (actions.Count > 0)
            {
                try
                {
                    await transaction.Client.SubmitTransactionAsync(actions.Select(action => action.Action), token);
                    return;
                }
                catch (TableTransactionFailedException exception) when (StorageConflicts.IsLostRace(exception) && exception.FailedTransactionActionIndex is { } index && index < actions.Count)
                {
                    var ticket = actions[index].Ticket;
                    inDoubt.TryAdd(ticket, 0);
                    actions = [.. actions.Where(action => action.Ticket != ticket)];
                }
                catch (RequestFailedException exception) when (StorageConflicts.IsLostRace(exception))
                {
                    // The service did not say which action failed: every ticket of the transaction is in doubt.
                    foreach (var action in actions)
                    {
                        inDoubt.TryAdd(action.Ticket, 0);
                    }

                    return;
                }
            }
        });
        return [.. inDoubt.Keys];
    }

    /// <summary>Runs the folds the writes made due, one after another.</summary>
    public async Task FoldAsync(CancellationToken cancellationToken)
    {
        foreach (var fold in _folds.Values)
        {
            await fold(cancellationToken);
        }
    }
}
