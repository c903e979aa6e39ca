namespace Assist.Domain.Calendar;

/// <summary>
/// A limit counted on the working calendar. <c>WorkingDays(0)</c> means "the same working day" (urgent tickets).
/// </summary>
public sealed record TimeLimit(int Amount, TimeLimitUnit Unit)
{
    public static TimeLimit WorkingDays(int days) => new(days, TimeLimitUnit.WorkingDays);

    public static TimeLimit WorkingHours(int hours) => new(hours, TimeLimitUnit.WorkingHours);

    public override string ToString() => Unit == TimeLimitUnit.WorkingDays ? $"{Amount} working days" : $"{Amount} working hours";
}
