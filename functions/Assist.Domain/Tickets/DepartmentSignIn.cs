using Assist.Domain.Calendar;

namespace Assist.Domain.Tickets;

/// <summary>A department routed a ticket, with its own sign-in deadline.</summary>
public sealed record DepartmentSignIn(string DepartmentId, DepartmentRole Role, Deadline SignInDue);
