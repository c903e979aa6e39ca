using Assist.Domain.Ledger;
using Assist.Domain.Tickets;
using Assist.Storage.Attachments;
using Assist.Storage.Directory;
using Assist.Storage.Webhooks;
using Azure;
using Azure.Data.Tables;

namespace Assist.Storage.Workflow;

/// <summary>
/// Carries out a ticket's outbox rows: one query reads the ticket partition (head, events, outbox rows), the
/// projector applies the outbox's events, and the rows are deleted. Safe to run twice or on two instances at once.
/// A submission's outbox row covers versions 1 to its last, so its first projection is of the whole history.
/// (Submissions committed by versions before the Durable orchestrations wrote none: <see cref="DispatchHistoryAsync"/>.)
/// </summary>
public sealed class OutboxDispatcher : IOutboxDispatcher
{
    private readonly WorkflowStorage _storage;
    private readonly DirectoryStore _directory;
    private readonly TicketProjector _projector;

    public OutboxDispatcher(WorkflowStorage storage, DirectoryStore directory, AttachmentStore attachments, WebhookOutbox webhooks)
    {
        ArgumentNullException.ThrowIfNull(storage);
        ArgumentNullException.ThrowIfNull(directory);
        _storage = storage;
        _directory = directory;
        _projector = new TicketProjector(storage, new CounterLedger(storage), webhooks, attachments);
    }

    public Task DispatchAsync(string ticketNumber, CancellationToken cancellationToken = default) =>
        DispatchAsync(ticketNumber, wholeHistory: false, cancellationToken);

    public Task DispatchHistoryAsync(string ticketNumber, CancellationToken cancellationToken = default) =>
        DispatchAsync(ticketNumber, wholeHistory: true, cancellationToken);

    private async Task DispatchAsync(string ticketNumber, bool wholeHistory, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(ticketNumber);
        // One read of the whole partition (head, events, outbox): a ticket holds tens of rows, and one query is one
        // round trip (and, on Azurite, one scan of the table instead of two).
        TableEntity? head = null;
        var outbox = new List<TableEntity>();
        var headKey = WorkflowKeys.Head(ticketNumber);
        var history = new List<(LedgerEntry Entry, TicketEvent Event)>();
        await foreach (var row in _storage.Tickets.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {ticketNumber}"), cancellationToken: cancellationToken))
        {
            if (row.RowKey == headKey)
            {
                head = row;
            }
            else if (row.RowKey.StartsWith(WorkflowKeys.OutboxPrefix, StringComparison.Ordinal))
            {
                outbox.Add(row);
            }
            else if (row.RowKey.StartsWith(WorkflowKeys.EventPrefix, StringComparison.Ordinal))
            {
                var entry = TicketRows.Entry(row);
                history.Add((entry, TicketEventSerializer.Deserialize(entry.Payload)));
            }
        }

        if (head is null || (outbox.Count == 0 && !wholeHistory))
        {
            return;
        }

        var record = TicketRows.Record(head);
        var directory = await _directory.GetAsync(cancellationToken);
        var from = wholeHistory ? 1 : outbox.Min(row => row.GetInt32("FromVersion") ?? 1);
        var to = wholeHistory ? record.Version : outbox.Max(row => row.GetInt32("ToVersion") ?? record.Version);
        await _projector.ApplyAsync(record, history, from, to, directory, cancellationToken);
        await DeleteOutboxAsync(ticketNumber, outbox.Select(row => (row.RowKey, row.ETag)), cancellationToken);
    }

    public async Task DispatchCommittedAsync(CommittedBatch batch, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var directory = await _directory.GetAsync(cancellationToken);
        await _projector.ApplyAsync(batch.Record, batch.History, batch.FromVersion, batch.Record.Version, directory, cancellationToken);
        await DeleteOutboxAsync(batch.Record.Number, batch.OutboxRows.Select(rowKey => (rowKey, ETag.All)), cancellationToken);
    }

    private async Task DeleteOutboxAsync(string ticketNumber, IEnumerable<(string RowKey, ETag ETag)> rows, CancellationToken cancellationToken)
    {
        foreach (var chunk in rows.Chunk(TableStorage.MaxTransactionActions))
        {
            try
            {
                await _storage.Tickets.SubmitTransactionAsync(
                    chunk.Select(row => new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(ticketNumber, row.RowKey), row.ETag)),
                    cancellationToken);
            }
            catch (RequestFailedException exception) when (StorageConflicts.IsLostRace(exception))
            {
                // Another dispatcher finished the same rows first.
            }
        }
    }
}
