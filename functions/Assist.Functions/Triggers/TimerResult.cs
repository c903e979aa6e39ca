namespace Assist.Functions.Triggers;

/// <summary>What a timer function reports: lines for the host's log and a value for the invocation's return.</summary>
public sealed record TimerResult(IReadOnlyList<string> Logs, object? ReturnValue);
