namespace Assist.Functions.Api.Staff;

/// <summary>
/// One audited reveal of an enterprise's mobile number: which ticket, when, who (id and the directory's name for them
/// now), the role it was admitted under, their department, and the client address it came from.
/// </summary>
public sealed record MobileReveal(
    string TicketNumber,
    DateTimeOffset At,
    string UserId,
    string? UserName,
    string? Role,
    string? DepartmentId,
    string? DepartmentName,
    string? ClientAddress);

/// <summary>A page of reveals, newest first; pass <see cref="ContinuationToken"/> back for the next (null: no more).</summary>
public sealed record MobileRevealPage(IReadOnlyList<MobileReveal> Items, string? ContinuationToken);
