namespace Assist.Storage.Reports;

/// <summary>One event's change to the 按时办结率 counters of a department in a month (or, for the carry, a quarter).</summary>
internal sealed record CompletionDelta(bool Quarterly, string Period, string DepartmentId, IReadOnlyDictionary<string, long> Columns);
