using Assist.Domain.Calendar;

namespace Assist.Domain.Tickets;

/// <summary>A return (退单) waiting for a supervisor; <see cref="ResumeStatus"/> is where a refusal sends the ticket back.</summary>
public sealed record PendingReturn(
    string DepartmentId,
    string Reason,
    DateTimeOffset RequestedAt,
    Deadline DecisionDue,
    TicketStatus ResumeStatus,
    bool DecisionOverdueRaised);
