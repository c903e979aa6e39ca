using Assist.Domain.Ledger;
using Assist.Domain.Tickets;

namespace Assist.Storage.Workflow;

/// <summary>A ticket's stored events with their hash chain, and whether the chain verifies.</summary>
public sealed record TicketLedger(string TicketNumber, IReadOnlyList<LedgerRow> Entries, LedgerVerification Verification);

/// <summary>
/// One stored event: the event, and the ledger entry it was committed as (its scheme, its payload exactly as hashed,
/// the previous hash and its own), which the ledger API shows so anyone can recompute the chain.
/// </summary>
public sealed record LedgerRow(int Version, TicketEvent Event, int Scheme, string Payload, string PreviousHash, string Hash);
