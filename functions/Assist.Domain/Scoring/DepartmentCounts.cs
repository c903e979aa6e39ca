namespace Assist.Domain.Scoring;

/// <summary>
/// What a department did in a period, as counters projected from ticket events. Most are counted in the month of
/// the event and a quarter is the sum of its months (see <see cref="Add"/>). <see cref="CompletionsDue"/> and
/// <see cref="CompletedOnTime"/> (按时办结率) are not: they count tickets by their deadline and tickets still open
/// and overdue at the period's end, so the report service assembles them for the whole period.
/// <see cref="Replied"/> counts replies sent (答复), rejected ones included: shown, not scored.
/// <see cref="CompletionsDue"/>: tickets whose deadline fell in the period, or that were open and overdue at its end;
/// <see cref="CompletedOnTime"/>: of those, the ones whose accepted answer came by the deadline.
/// <see cref="Answered"/>: accepted answers (closed: confirmed or 未评价), in the month of closing;
/// <see cref="Resolved"/>: of those, the ones whose accepted reply said the problem was resolved.
/// </summary>
public sealed record DepartmentCounts(
    string DepartmentId,
    int SignInsDue,
    int SignedInOnTime,
    int Replied,
    int CompletionsDue,
    int CompletedOnTime,
    int Answered,
    int Resolved,
    int VerySatisfied,
    int Satisfied,
    int BasicallySatisfied,
    int Dissatisfied,
    int VeryDissatisfied,
    int Unrated,
    int Overdue,
    int Returns,
    int ImproperReturns,
    int Extensions)
{
    public static DepartmentCounts Zero(string departmentId) => new(departmentId, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    public int Rated => VerySatisfied + Satisfied + BasicallySatisfied + Dissatisfied + VeryDissatisfied;

    public int SatisfiedOrBetter => VerySatisfied + Satisfied + BasicallySatisfied;

    public DepartmentCounts Add(DepartmentCounts other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.DepartmentId != DepartmentId)
        {
            throw new ArgumentException("Counts of different departments cannot be added.", nameof(other));
        }

        return new(
            DepartmentId,
            SignInsDue + other.SignInsDue,
            SignedInOnTime + other.SignedInOnTime,
            Replied + other.Replied,
            CompletionsDue + other.CompletionsDue,
            CompletedOnTime + other.CompletedOnTime,
            Answered + other.Answered,
            Resolved + other.Resolved,
            VerySatisfied + other.VerySatisfied,
            Satisfied + other.Satisfied,
            BasicallySatisfied + other.BasicallySatisfied,
            Dissatisfied + other.Dissatisfied,
            VeryDissatisfied + other.VeryDissatisfied,
            Unrated + other.Unrated,
            Overdue + other.Overdue,
            Returns + other.Returns,
            ImproperReturns + other.ImproperReturns,
            Extensions + other.Extensions);
    }
}
