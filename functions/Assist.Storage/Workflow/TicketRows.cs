using Assist.Domain.Ledger;
using Assist.Domain.Tickets;
using Azure.Data.Tables;

namespace Assist.Storage.Workflow;

/// <summary>The rows of a ticket partition: the head (state snapshot and ledger head) and the event rows.</summary>
internal static class TicketRows
{
    public static TableEntity Head(TicketState state, string trackingCodeHash, DateTimeOffset createdAt, DateTimeOffset updatedAt, string lastHash, string? idempotencyPartition)
    {
        var head = new TableEntity(state.TicketNumber, WorkflowKeys.Head(state.TicketNumber))
        {
            ["TicketId"] = state.TicketId,
            ["Version"] = state.Version,
            ["Status"] = state.Status.ToString(),
            ["LastHash"] = lastHash,
            ["TrackingCodeHash"] = trackingCodeHash,
            ["CreatedAt"] = createdAt,
            ["UpdatedAt"] = updatedAt,
        };
        if (idempotencyPartition is not null)
        {
            head["IdempotencyPartition"] = idempotencyPartition;
        }

        LargeText.Write(head, "State", System.Text.Encoding.UTF8.GetString(TicketEventSerializer.SerializeState(state)));
        return head;
    }

    public static TicketRecord Record(TableEntity head)
    {
        var state = TicketEventSerializer.DeserializeState(System.Text.Encoding.UTF8.GetBytes(LargeText.Read(head, "State") ?? ""));
        return new TicketRecord(
            state,
            head.GetString("TrackingCodeHash") ?? "",
            head.GetDateTimeOffset("CreatedAt") ?? default,
            head.GetDateTimeOffset("UpdatedAt") ?? default,
            head.GetString("LastHash") ?? LedgerHash.Genesis);
    }

    public static TableEntity Event(string ticketNumber, LedgerEntry entry, TicketEvent @event)
    {
        var row = new TableEntity(ticketNumber, WorkflowKeys.Event(ticketNumber, (int)entry.Version))
        {
            ["Version"] = (int)entry.Version,
            ["Scheme"] = entry.Scheme,
            ["Type"] = TicketEventSerializer.TypeName(@event),
            ["PrevHash"] = entry.PreviousHash,
            ["Hash"] = entry.Hash,
            ["ActorKind"] = @event.By.Kind.ToString(),
            ["ActorId"] = @event.By.Id,
            ["At"] = @event.At,
        };
        LargeText.Write(row, "Payload", entry.Payload);
        return row;
    }

    /// <summary>The row's ledger entry; rows written before hash scheme 2 have no Scheme column and are scheme 1.</summary>
    public static LedgerEntry Entry(TableEntity row) => new(
        row.GetInt32("Version") ?? 0,
        row.GetInt32("Scheme") ?? LedgerHash.PayloadScheme,
        LargeText.Read(row, "Payload") ?? "",
        row.GetString("PrevHash") ?? "",
        row.GetString("Hash") ?? "");

    public static string EventFilter(string ticketNumber) => TableClient.CreateQueryFilter(
        $"PartitionKey eq {ticketNumber} and RowKey ge {WorkflowKeys.EventPrefix} and RowKey lt {WorkflowKeys.PrefixEnd(WorkflowKeys.EventPrefix)}");

    public static async Task<List<(LedgerEntry Entry, TicketEvent Event)>> LoadEventsAsync(TableClient tickets, string ticketNumber, CancellationToken cancellationToken)
    {
        var events = new List<(LedgerEntry, TicketEvent)>();
        await foreach (var row in tickets.QueryAsync<TableEntity>(EventFilter(ticketNumber), cancellationToken: cancellationToken))
        {
            var entry = Entry(row);
            events.Add((entry, TicketEventSerializer.Deserialize(entry.Payload)));
        }

        return events;
    }
}
