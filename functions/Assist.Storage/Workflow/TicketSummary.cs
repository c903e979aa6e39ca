using Assist.Domain.Tickets;

namespace Assist.Storage.Workflow;

/// <summary>
/// A ticket's row in a staff list (desk, department queue, overdue board). <see cref="EnterpriseName"/> is null when
/// confidential. With <see cref="ContributionDue"/>, <see cref="DueAt"/> is a co-handling department's own contribution
/// deadline (协办, in its queue) rather than the resolution deadline.
/// </summary>
public sealed record TicketSummary(
    string Number,
    string Title,
    TicketStatus Status,
    string Type,
    string Topic,
    bool Urgent,
    bool Confidential,
    string? EnterpriseName,
    string? LeadDepartmentId,
    string? OfficerId,
    DateTimeOffset? DueAt,
    bool Provisional,
    AttentionLevel Level,
    int WorkingDaysOverdue,
    DateTimeOffset UpdatedAt,
    int Version,
    bool ContributionDue = false);
