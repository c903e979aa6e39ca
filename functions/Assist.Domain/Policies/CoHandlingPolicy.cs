using Assist.Domain.Calendar;

namespace Assist.Domain.Policies;

/// <summary>
/// 协办: each co-handling department submits its contribution (协办意见) to the lead department within
/// <see cref="Contribution"/> of routing, and never later than the lead's own resolution deadline, so the lead can
/// reply on time with every part in hand. The contribution has its own ladder (reminder, overdue, red card).
/// </summary>
public sealed record CoHandlingPolicy(TimeLimit Contribution)
{
    /// <summary>Three working days: the default, and what policies stored before co-handling had a policy of their own get.</summary>
    public static CoHandlingPolicy Default { get; } = new(TimeLimit.WorkingDays(3));
}
