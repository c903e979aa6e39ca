using Assist.Domain.Calendar;
using Assist.Domain.Scoring;
using Assist.Domain.Tickets;
using Assist.Storage.Workflow;

namespace Assist.Storage.Reports;

/// <summary>
/// The report counters summed in memory, event by event, with the projection's own pure deltas
/// (<see cref="CounterDeltas"/>, <see cref="MeasureDeltas"/>, <see cref="CompletionDeltas"/>): what a bulk load writes,
/// and what the stored counters must add up to. Keyed like the stored partitions: (period, department or series).
/// </summary>
internal sealed class ReportTotals
{
    public Dictionary<(string Month, string Department), DepartmentCounts> Counts { get; } = [];

    public Dictionary<(string Month, string Department), ServiceTimes> Times { get; } = [];

    public Dictionary<string, Dictionary<string, long>> Flow { get; } = new(StringComparer.Ordinal);

    public Dictionary<(string Period, string Series), Dictionary<string, long>> Completion { get; } = [];

    /// <summary>Adds one event of a ticket; <paramref name="before"/> is the state it applied to.</summary>
    public void Add(TicketState before, TicketEvent @event, WorkingCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(@event);
        ArgumentNullException.ThrowIfNull(calendar);
        var month = MeasureDeltas.Month(@event.At, calendar);
        foreach (var delta in CounterDeltas.For(before, @event))
        {
            var key = (month, delta.DepartmentId);
            Counts[key] = Counts.TryGetValue(key, out var sum) ? sum.Add(delta) : delta;
        }

        if (MeasureDeltas.Times(before, @event, calendar) is { } time)
        {
            var key = (month, time.DepartmentId);
            Times[key] = Times.TryGetValue(key, out var sum) ? sum.Add(time) : time;
        }

        if (MeasureDeltas.Flow(@event) is { } dayFlow)
        {
            AddColumns(Flow, MeasureDeltas.Day(@event.At, calendar), MeasureDeltas.FlowColumns, dayFlow);
        }

        foreach (var completion in CompletionDeltas.For(before, TicketDecider.Evolve(before, @event), calendar))
        {
            AddColumns(Completion, (completion.Period, completion.DepartmentId), CompletionDeltas.Columns, completion.Columns);
        }
    }

    /// <summary>Adds every event of a ticket from its first.</summary>
    public void AddTicket(IEnumerable<TicketEvent> events, WorkingCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(events);
        var before = TicketState.Initial;
        foreach (var @event in events)
        {
            Add(before, @event, calendar);
            before = TicketDecider.Evolve(before, @event);
        }
    }

    /// <summary>The scorecard of <paramref name="period"/> over these totals, assembled as the report service does.</summary>
    public ScorecardReport Scorecard(ReportPeriod period, ScoreWeights weights, int bottomCount, TimeSpan dayLength) =>
        ReportAssembly.Scorecard(
            period,
            period.Months.Select(m => (IReadOnlyDictionary<string, DepartmentCounts>)Counts.Where(c => c.Key.Month == m).ToDictionary(c => c.Key.Department, c => c.Value, StringComparer.Ordinal)),
            Times.Where(t => period.Months.Contains(t.Key.Month)).Select(t => t.Value),
            Completion,
            weights,
            bottomCount,
            dayLength);

    private static void AddColumns<TKey>(Dictionary<TKey, Dictionary<string, long>> family, TKey key, IReadOnlyList<string> columns, IReadOnlyDictionary<string, long> delta)
        where TKey : notnull
    {
        if (!family.TryGetValue(key, out var sum))
        {
            family[key] = sum = columns.ToDictionary(c => c, _ => 0L, StringComparer.Ordinal);
        }

        foreach (var (column, value) in delta)
        {
            sum[column] += value;
        }
    }
}
