using Assist.Domain.Common;

namespace Assist.Domain.Calendar;

/// <summary>
/// Office hours of a working day and when a day deadline ends: at 24:00 of its last day, or at
/// <see cref="ClosingTime"/> where one is configured.
/// </summary>
public sealed record WorkingHours(ValueList<WorkSession> Sessions, TimeOnly? ClosingTime = null)
{
    public static WorkingHours Default { get; } = new(ValueList.Of(
        new WorkSession(new TimeOnly(8, 30), new TimeOnly(12, 0)),
        new WorkSession(new TimeOnly(14, 0), new TimeOnly(17, 30))));

    public TimeSpan DayLength => Sessions.Aggregate(TimeSpan.Zero, (sum, session) => sum + (session.End - session.Start));
}
