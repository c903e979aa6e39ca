using Assist.Domain.Calendar;

namespace Assist.Domain.Policies;

/// <summary>延期: requested at least <see cref="MinWorkingDaysBeforeDue"/> before due, capped per request and in total.</summary>
public sealed record ExtensionPolicy(int MaxWorkingDaysPerExtension, int MaxTotalWorkingDays, int MinWorkingDaysBeforeDue, TimeLimit DecisionWindow);
