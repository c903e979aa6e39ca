namespace Assist.LedgerVerifier;

/// <summary>What the verifier concluded about one ticket: the outcome, the version it concerns (none when verified) and why.</summary>
public sealed record VerifierResult(string Number, VerifierOutcome Outcome, long? Version, string? Reason, int Entries)
{
    /// <summary>One line per ticket, as the command prints it.</summary>
    public override string ToString() => Outcome switch
    {
        VerifierOutcome.Verified => $"{Number}: OK ({Entries} entries)",
        VerifierOutcome.Unverifiable => $"{Number}: unverifiable from version {Version}: {Reason}",
        _ => $"{Number}: broken at version {Version}: {Reason}",
    };
}
