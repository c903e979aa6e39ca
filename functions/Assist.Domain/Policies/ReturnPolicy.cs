using Assist.Domain.Calendar;

namespace Assist.Domain.Policies;

/// <summary>退单: allowed within <see cref="Window"/> of routing; a supervisor decides within <see cref="DecisionWindow"/>.</summary>
public sealed record ReturnPolicy(TimeLimit Window, TimeLimit DecisionWindow);
