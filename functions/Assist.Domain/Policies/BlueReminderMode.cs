namespace Assist.Domain.Policies;

public enum BlueReminderMode
{
    /// <summary>At the end of the working day before the due day (falls back to the fraction for short windows).</summary>
    OneWorkingDayBeforeDue,

    /// <summary>When the given fraction of the window's office hours has passed.</summary>
    FractionOfWindow,
}
