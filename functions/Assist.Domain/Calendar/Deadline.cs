namespace Assist.Domain.Calendar;

/// <summary>
/// A computed deadline: the instant it passes, its last day (the day shown to users), whether it was
/// computed over a year without official calendar data (recompute when the notice is loaded), and its kind.
/// </summary>
public sealed record Deadline(DateTimeOffset At, DateOnly DueDate, bool Provisional, DeadlineKind Kind);
