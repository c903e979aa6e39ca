using Assist.Domain.Calendar;

namespace Assist.Domain.Tickets;

/// <summary>
/// A return (退单) waiting for a supervisor; <see cref="ResumeStatus"/> is where a refusal sends the ticket back.
/// <see cref="RequestedBy"/> is the staff user who asked (null in snapshots stored before it was recorded).
/// </summary>
public sealed record PendingReturn(
    string DepartmentId,
    string Reason,
    DateTimeOffset RequestedAt,
    Deadline DecisionDue,
    TicketStatus ResumeStatus,
    bool DecisionOverdueRaised,
    string? RequestedBy = null);
