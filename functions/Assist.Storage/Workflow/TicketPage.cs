namespace Assist.Storage.Workflow;

/// <summary>A page of a staff list in its display order; pass <see cref="ContinuationToken"/> back for the next (null: no more).</summary>
public sealed record TicketPage(IReadOnlyList<TicketSummary> Items, string? ContinuationToken);
