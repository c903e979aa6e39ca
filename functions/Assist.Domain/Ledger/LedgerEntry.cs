namespace Assist.Domain.Ledger;

/// <summary>
/// One committed event in a ticket's ledger: its version (1-based), the serialized event exactly as stored,
/// the previous entry's hash and its own: Hash = SHA-256(PreviousHash bytes ‖ UTF-8 bytes of Payload), lower-case hex.
/// </summary>
public sealed record LedgerEntry(long Version, string Payload, string PreviousHash, string Hash);
