using Assist.Domain.Tickets;

namespace Assist.Storage.Workflow;

/// <summary>
/// A return or extension waiting for a supervisor, as the worklist shows it: the ticket, who asked and why, and by
/// when the decision is due (<see cref="DecisionOverdue"/>: that moment has passed, so the ladder has told supervisors).
/// <see cref="EnterpriseName"/> is null when the ticket is confidential, as in every staff list.
/// <see cref="WorkingDays"/> and <see cref="ResolutionDueAt"/> (the deadline an extension would move) are for extensions.
/// </summary>
public sealed record PendingDecision(
    PendingDecisionKind Kind,
    string Number,
    string Title,
    TicketStatus Status,
    bool Urgent,
    bool Confidential,
    string? EnterpriseName,
    string DepartmentId,
    string? DepartmentName,
    string? RequestedBy,
    string? RequestedByName,
    DateTimeOffset RequestedAt,
    string Reason,
    int? WorkingDays,
    DateTimeOffset DecisionDueAt,
    bool DecisionDueProvisional,
    bool DecisionOverdue,
    DateTimeOffset? ResolutionDueAt,
    int Version);
