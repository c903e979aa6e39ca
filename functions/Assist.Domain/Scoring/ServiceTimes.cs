namespace Assist.Domain.Scoring;

/// <summary>
/// What a department did in a period beyond <see cref="DepartmentCounts"/>: sign-ins of any kind, first responses
/// to the enterprise (响应), and the working time its replies and closures took, as sums so months add up to a
/// quarter. Working time is in minutes of office time; <see cref="Scorecard.AverageWorkingDays"/> turns it into days.
/// </summary>
public sealed record ServiceTimes(
    string DepartmentId,
    long SignedIn,
    long Responded,
    long Replies,
    long ReplyWorkingMinutes,
    long Closes,
    long CloseWorkingMinutes)
{
    public static ServiceTimes Zero(string departmentId) => new(departmentId, 0, 0, 0, 0, 0, 0);

    public ServiceTimes Add(ServiceTimes other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.DepartmentId != DepartmentId)
        {
            throw new ArgumentException("Times of different departments cannot be added.", nameof(other));
        }

        return new(
            DepartmentId,
            SignedIn + other.SignedIn,
            Responded + other.Responded,
            Replies + other.Replies,
            ReplyWorkingMinutes + other.ReplyWorkingMinutes,
            Closes + other.Closes,
            CloseWorkingMinutes + other.CloseWorkingMinutes);
    }
}
