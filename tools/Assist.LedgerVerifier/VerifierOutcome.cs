namespace Assist.LedgerVerifier;

public enum VerifierOutcome
{
    /// <summary>Every entry recomputed and linked.</summary>
    Verified,

    /// <summary>No break found, but a scheme-1 entry's payload was withheld, so its hash (and the chain after it) rests on the copy's word.</summary>
    Unverifiable,

    /// <summary>An entry does not recompute or link, or the server itself says the ledger is broken.</summary>
    Broken,
}
