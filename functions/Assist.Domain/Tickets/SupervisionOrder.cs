using Assist.Domain.Calendar;

namespace Assist.Domain.Tickets;

/// <summary>督办单: fulfilled when the ticket is replied to.</summary>
public sealed record SupervisionOrder(
    string OrderId,
    string DepartmentId,
    string Instructions,
    DateTimeOffset IssuedAt,
    Deadline Due,
    bool Fulfilled,
    bool OverdueRaised);
