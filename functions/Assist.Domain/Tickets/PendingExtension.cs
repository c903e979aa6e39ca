using Assist.Domain.Calendar;

namespace Assist.Domain.Tickets;

/// <summary>
/// An extension (延期) waiting for a supervisor. <see cref="RequestedBy"/> is the staff user who asked; it is null in
/// snapshots stored before it was recorded (the supervisors' worklist then shows no name).
/// </summary>
public sealed record PendingExtension(
    string DepartmentId,
    int WorkingDays,
    string Reason,
    DateTimeOffset RequestedAt,
    Deadline DecisionDue,
    bool DecisionOverdueRaised,
    string? RequestedBy = null);
