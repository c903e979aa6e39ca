using Assist.Domain.Tickets;

namespace Assist.Storage.Workflow;

/// <summary>A ticket as stored: its state (the version is the ticket's ETag), the tracking-code hash and the ledger head.</summary>
public sealed record TicketRecord(TicketState State, string TrackingCodeHash, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, string LastHash)
{
    public int Version => State.Version;

    public string Number => State.TicketNumber;
}
