namespace Assist.Storage.Workflow;

/// <summary>An in-app inbox entry for a staff user; <see cref="Kind"/> is the rung or event (e.g. <c>YellowCard</c>).</summary>
public sealed record Notification(
    string Id,
    string UserId,
    string TicketNumber,
    string Kind,
    string Title,
    string TitleZh,
    DateTimeOffset CreatedAt,
    DateTimeOffset NotifyAt,
    bool Read,
    int TicketVersion);
