using Assist.Storage.Attachments;
using Assist.Storage.Directory;
using Assist.Storage.Pipeline;
using Assist.Storage.Tables;

namespace Assist.Storage.Workflow;

/// <summary>
/// Carries out a ticket's outbox rows: one query reads the head and the outbox rows of the ticket partition,
/// the projector applies their events, and the rows are deleted. Safe to run twice or on two instances at once.
/// </summary>
public sealed class OutboxDispatcher : IOutboxDispatcher
{
    private readonly WorkflowStorage _storage;
    private readonly DirectoryStore _directory;
    private readonly TicketProjector _projector;

    public OutboxDispatcher(WorkflowStorage storage, DirectoryStore directory, AttachmentStore attachments, WebhookDelivery webhooks)
    {
        ArgumentNullException.ThrowIfNull(storage);
        ArgumentNullException.ThrowIfNull(directory);
        _storage = storage;
        _directory = directory;
        _projector = new TicketProjector(storage, new DueIndex(storage), new CounterLedger(storage), webhooks, attachments);
    }

    public async Task DispatchAsync(string ticketNumber, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(ticketNumber);
        TableEntity? head = null;
        var outbox = new List<TableEntity>();
        var headKey = WorkflowKeys.Head(ticketNumber);
        var filter = TableFilter.Create(
            $"PartitionKey eq {ticketNumber} and (RowKey eq {headKey} or (RowKey ge {WorkflowKeys.OutboxPrefix} and RowKey lt {WorkflowKeys.PrefixEnd(WorkflowKeys.OutboxPrefix)}))");
        await foreach (var row in _storage.Tickets.QueryAsync(filter, cancellationToken: cancellationToken))
        {
            if (row.RowKey == headKey)
            {
                head = row;
            }
            else
            {
                outbox.Add(row);
            }
        }

        if (head is null || outbox.Count == 0)
        {
            return;
        }

        var record = TicketRows.Record(head);
        var history = await TicketRows.LoadEventsAsync(_storage.Tickets, ticketNumber, cancellationToken);
        var directory = await _directory.GetAsync(cancellationToken);
        var from = outbox.Min(row => row.GetInt32("FromVersion") ?? 1);
        var to = outbox.Max(row => row.GetInt32("ToVersion") ?? record.Version);
        await _projector.ApplyAsync(record, history, from, to, directory, cancellationToken);

        foreach (var chunk in outbox.Chunk(TableClient.MaxTransactionActions))
        {
            try
            {
                await _storage.Tickets.SubmitTransactionAsync(
                    chunk.Select(row => new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(ticketNumber, row.RowKey), row.ETag)),
                    cancellationToken);
            }
            catch (StorageRequestFailedException exception) when (StorageConflicts.IsLostRace(exception))
            {
                // Another dispatcher finished the same rows first.
            }
        }
    }
}
