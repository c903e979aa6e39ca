namespace Assist.Storage.Workflow;

/// <summary>A page of an inbox, newest first; pass <see cref="ContinuationToken"/> back for the next (null: no more).</summary>
public sealed record NotificationPage(IReadOnlyList<Notification> Items, string? ContinuationToken);
