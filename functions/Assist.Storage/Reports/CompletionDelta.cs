namespace Assist.Storage.Reports;

/// <summary>One event's change to the 按时办结率 counters of a department in a month.</summary>
internal sealed record CompletionDelta(string Period, string DepartmentId, IReadOnlyDictionary<string, long> Columns);
