namespace Assist.Storage.Workflow;

/// <summary>What an inbox is narrowed to: one ticket's notifications, only unread ones, or both.</summary>
public sealed record NotificationSearch(string? TicketNumber = null, bool UnreadOnly = false)
{
    public static readonly NotificationSearch None = new();
}
