namespace Assist.Domain.Calendar;

/// <summary>An exception to the Monday–Friday week from a State Council notice: a holiday or a make-up workday (调休).</summary>
public sealed record CalendarDay(DateOnly Date, string Name, bool IsOffDay);
