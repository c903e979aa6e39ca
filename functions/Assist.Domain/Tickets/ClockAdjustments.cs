namespace Assist.Domain.Tickets;

/// <summary>What moved a resolution clock since it started: office time paused (待补充) and working days of approved extensions (延期).</summary>
public sealed record ClockAdjustments(TimeSpan PausedWorkingTime, int ExtensionWorkingDays)
{
    public static ClockAdjustments None { get; } = new(TimeSpan.Zero, 0);
}
