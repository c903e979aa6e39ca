using System.ComponentModel.DataAnnotations;
namespace Assist.Functions.Api.Dev;

/// <summary><c>{"user":"officer.finance.1"}</c>: a seeded user to act as.</summary>
public sealed record DevTokenRequest([property: Required] string? User);

/// <summary>Either <c>{"advance":"PT26H"}</c> (an ISO 8601 duration) or <c>{"now":"2026-02-13T09:00:00+08:00"}</c>.</summary>
public sealed record DevClockRequest(string? Advance, DateTimeOffset? Now);

/// <summary>
/// Where the development clock stands after the move; how many ticket orchestrations were woken, whether all of them
/// had looked at their tickets on the new clock before the answer, and how many timers those looks fired.
/// </summary>
public sealed record DevClockAnswer(DateTimeOffset Now, TimeSpan Offset, int Woken, bool Settled, long TimersFired);

/// <summary>A seeded staff user as the development sign-in lists them (no contact details).</summary>
public sealed record DevDirectoryUser(string Id, string Name, string? DepartmentId, IReadOnlyList<string> Roles);

public sealed record DevDirectoryDepartment(string Id, string Name, bool IsHqOffice);

public sealed record DevDirectory(IReadOnlyList<DevDirectoryDepartment> Departments, IReadOnlyList<DevDirectoryUser> Users);
