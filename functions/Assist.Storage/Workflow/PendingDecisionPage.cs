namespace Assist.Storage.Workflow;

/// <summary>A page of the worklist, oldest request first; pass <see cref="ContinuationToken"/> back for the next (null: no more).</summary>
public sealed record PendingDecisionPage(IReadOnlyList<PendingDecision> Items, string? ContinuationToken);
