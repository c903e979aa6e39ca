using Assist.Domain.Ledger;
using Assist.Domain.Tickets;

namespace Assist.Storage.Workflow;

/// <summary>A ticket's stored events with their hash chain, and whether the chain verifies.</summary>
public sealed record TicketLedger(string TicketNumber, IReadOnlyList<LedgerRow> Entries, LedgerVerification Verification);

public sealed record LedgerRow(int Version, TicketEvent Event, string PreviousHash, string Hash);
