namespace Assist.Domain.Ledger;

/// <summary>
/// One committed event in a ticket's ledger: its version (1-based), the hash scheme it was linked under, the serialized
/// event exactly as stored, the previous entry's hash and its own (lower-case hex). Under scheme 1 (entries written
/// before scheme 2 existed) Hash = SHA-256(PreviousHash bytes ‖ UTF-8 bytes of Payload); under scheme 2
/// Hash = SHA-256(PreviousHash bytes ‖ SHA-256(UTF-8 bytes of Payload)). See <see cref="LedgerHash"/> for why.
/// </summary>
public sealed record LedgerEntry(long Version, int Scheme, string Payload, string PreviousHash, string Hash)
{
    /// <summary>SHA-256 of the payload's UTF-8 bytes, lower-case hex: what a scheme-2 link commits to.</summary>
    public string PayloadSha256 => LedgerHash.PayloadDigest(Payload);
}
