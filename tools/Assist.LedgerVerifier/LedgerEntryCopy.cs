namespace Assist.LedgerVerifier;

/// <summary>One ledger entry as the API answered it; <see cref="Payload"/> is null where the API withheld it.</summary>
public sealed record LedgerEntryCopy(long Version, int Scheme, string PreviousHash, string PayloadSha256, string Hash, string? Payload, string? WithheldBecause);
