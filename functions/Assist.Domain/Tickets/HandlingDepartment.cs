using Assist.Domain.Calendar;

namespace Assist.Domain.Tickets;

/// <summary>
/// A department handling the ticket and where its clocks stand: its sign-in clock and, for a co-handler (协办), the
/// clock of its contribution to the lead's reply with the rungs of that clock's own ladder already raised.
/// </summary>
public sealed record HandlingDepartment(
    string DepartmentId,
    DepartmentRole Role,
    Deadline SignInDue,
    DateTimeOffset? SignedInAt,
    bool SignedInOnTime,
    bool SignInOverdueRaised,
    Deadline? ContributionDue = null,
    LadderSchedule? ContributionLadder = null,
    DateTimeOffset? ContributedAt = null,
    bool ContributedOnTime = false,
    bool ContributionReminderRaised = false,
    bool ContributionOverdueRaised = false,
    bool ContributionRedCardRaised = false)
{
    /// <summary>A co-handler whose contribution the lead is still waiting for (its deadline may have passed).</summary>
    public bool OwesContribution => Role == DepartmentRole.CoHandler && ContributionDue is not null && ContributedAt is null;
}
