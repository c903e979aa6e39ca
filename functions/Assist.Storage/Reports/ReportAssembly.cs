using Assist.Domain.Scoring;

namespace Assist.Storage.Reports;

/// <summary>
/// Turns the counters of a period into its scorecard: the same pure step whether the counters were read from
/// storage (<see cref="ReportService"/>) or summed in memory (<see cref="ReportTotals"/>). O(departments × months).
/// </summary>
internal static class ReportAssembly
{
    public static ScorecardReport Scorecard(
        ReportPeriod period,
        IEnumerable<IReadOnlyDictionary<string, DepartmentCounts>> months,
        IEnumerable<ServiceTimes> times,
        IReadOnlyDictionary<(string Period, string Series), Dictionary<string, long>> completion,
        ScoreWeights weights,
        int bottomCount,
        TimeSpan dayLength)
    {
        ArgumentNullException.ThrowIfNull(period);
        ArgumentNullException.ThrowIfNull(months);
        ArgumentNullException.ThrowIfNull(times);
        ArgumentNullException.ThrowIfNull(weights);
        var counts = new Dictionary<string, DepartmentCounts>(StringComparer.Ordinal);
        foreach (var month in months)
        {
            foreach (var (department, monthCounts) in month)
            {
                counts[department] = counts.TryGetValue(department, out var sum) ? sum.Add(monthCounts) : monthCounts;
            }
        }

        foreach (var (department, (due, onTime)) in Completion(period, completion))
        {
            counts[department] = (counts.GetValueOrDefault(department) ?? DepartmentCounts.Zero(department)) with { CompletionsDue = due, CompletedOnTime = onTime };
        }

        var byDepartment = new Dictionary<string, ServiceTimes>(StringComparer.Ordinal);
        foreach (var time in times)
        {
            byDepartment[time.DepartmentId] = byDepartment.TryGetValue(time.DepartmentId, out var sum) ? sum.Add(time) : time;
        }

        return new ScorecardReport(period, weights, bottomCount, Domain.Scoring.Scorecard.Build(counts, byDepartment, weights, bottomCount, dayLength));
    }

    /// <summary>
    /// 按时办结率 per department (<see cref="CompletionDeltas"/>): tickets due in the period's months, plus those due
    /// before the period and open and overdue at its end — carried out of an earlier month (or quarter) and not ended
    /// by the period's end. <paramref name="completion"/> must hold every month up to the period's last; later ones are
    /// ignored. Departments with nothing due are left out.
    /// </summary>
    public static Dictionary<string, (int Due, int OnTime)> Completion(
        ReportPeriod period,
        IReadOnlyDictionary<(string Period, string Series), Dictionary<string, long>> completion)
    {
        ArgumentNullException.ThrowIfNull(period);
        ArgumentNullException.ThrowIfNull(completion);
        var sums = new Dictionary<string, (long Due, long OnTime)>(StringComparer.Ordinal);
        void Add(string department, long due, long onTime)
        {
            var (d, o) = sums.GetValueOrDefault(department);
            sums[department] = (d + due, o + onTime);
        }

        var first = period.Months[0];
        var last = period.Months[^1];
        var (carryOut, carryEnd) = period.IsQuarter
            ? (CompletionDeltas.QuarterCarryOut, CompletionDeltas.QuarterCarryEnd)
            : (CompletionDeltas.CarryOut, CompletionDeltas.CarryEnd);
        foreach (var ((month, department), columns) in completion)
        {
            if (period.Months.Contains(month))
            {
                Add(department, columns.GetValueOrDefault(CompletionDeltas.Due), columns.GetValueOrDefault(CompletionDeltas.OnTime));
            }

            // Carried out of a month before the period (for a quarter, out of an earlier quarter)…
            if (string.CompareOrdinal(month, first) < 0)
            {
                Add(department, columns.GetValueOrDefault(carryOut), 0);
            }

            // …and not ended by the period's end.
            if (string.CompareOrdinal(month, last) <= 0)
            {
                Add(department, -columns.GetValueOrDefault(carryEnd), 0);
            }
        }

        return sums
            .Where(s => s.Value.Due != 0)
            .ToDictionary(s => s.Key, s => ((int)s.Value.Due, (int)s.Value.OnTime), StringComparer.Ordinal);
    }
}
