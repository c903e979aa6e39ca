using Assist.Domain.Tickets;

namespace Assist.Storage.Workflow;

/// <summary>A ticket's row in a staff list (desk, department queue, overdue board). <see cref="EnterpriseName"/> is null when confidential.</summary>
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
    int Version);
