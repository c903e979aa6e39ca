using Assist.Domain.Calendar;

namespace Assist.Domain.Tickets;

public sealed record PendingExtension(
    string DepartmentId,
    int WorkingDays,
    string Reason,
    DateTimeOffset RequestedAt,
    Deadline DecisionDue,
    bool DecisionOverdueRaised);
