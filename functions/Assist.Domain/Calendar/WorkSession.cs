namespace Assist.Domain.Calendar;

/// <summary>A span of office hours within a working day, e.g. 08:30–12:00.</summary>
public sealed record WorkSession(TimeOnly Start, TimeOnly End);
