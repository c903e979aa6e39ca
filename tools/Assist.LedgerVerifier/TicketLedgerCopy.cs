namespace Assist.LedgerVerifier;

/// <summary>
/// A ticket's ledger as the API answered it: the entries, and what the server said of its own check (which the verifier
/// does not need to trust for "intact", but takes as an admission when it says "broken").
/// </summary>
public sealed record TicketLedgerCopy(string Number, bool? ServerValid, long? ServerFirstBrokenVersion, string? ServerProblem, IReadOnlyList<LedgerEntryCopy> Entries);
