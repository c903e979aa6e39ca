using Assist.Domain.Calendar;

namespace Assist.Domain.Tickets;

/// <summary>A department handling the ticket and where its sign-in clock stands.</summary>
public sealed record HandlingDepartment(
    string DepartmentId,
    DepartmentRole Role,
    Deadline SignInDue,
    DateTimeOffset? SignedInAt,
    bool SignedInOnTime,
    bool SignInOverdueRaised);
