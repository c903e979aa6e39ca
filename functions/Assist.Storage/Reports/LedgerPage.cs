namespace Assist.Storage.Reports;

/// <summary>A page of the ledger in order of receipt; pass <see cref="ContinuationToken"/> back for the next (null at the end).</summary>
public sealed record LedgerPage(IReadOnlyList<LedgerLine> Items, string? ContinuationToken);
