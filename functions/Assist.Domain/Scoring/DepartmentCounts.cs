namespace Assist.Domain.Scoring;

/// <summary>
/// What a department did in a period, as counters projected from ticket events (one row per department per
/// month; a quarter is the sum of its months, see <see cref="Add"/>).
/// </summary>
public sealed record DepartmentCounts(
    string DepartmentId,
    int SignInsDue,
    int SignedInOnTime,
    int Replied,
    int RepliedOnTime,
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
    public static DepartmentCounts Zero(string departmentId) => new(departmentId, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

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
            RepliedOnTime + other.RepliedOnTime,
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
