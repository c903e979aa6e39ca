namespace Assist.Domain.Calendar;

public enum TimeLimitUnit
{
    WorkingDays,
    WorkingHours,
}
