namespace Assist.Storage.Reports;

/// <summary>What a bulk load wrote: tickets, ledger rows (primary and index copies), counter rows and entity-group transactions.</summary>
public sealed record BulkLoadReport(int Tickets, long LedgerRows, int CounterRows, int Transactions);
