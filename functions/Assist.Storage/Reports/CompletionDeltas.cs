using System.Globalization;
using Assist.Domain.Calendar;
using Assist.Domain.Scoring;
using Assist.Domain.Tickets;

namespace Assist.Storage.Reports;

/// <summary>
/// The counters behind 按时办结率 (see <see cref="Metric.OnTimeCompletion"/>), kept so that a report reads
/// O(departments × months) rows and never the tickets.
/// <para>
/// A routed ticket stands in its lead department's counters by its resolution deadline as the state holds it
/// (<see cref="ResolutionClock.Due"/>: extensions, pause credit and the clock a rejection restarts included) and by
/// its accepted answer: the reply before <see cref="TicketClosed"/> (confirmed or 未评价), or none while it is open —
/// a reply still waiting for the enterprise is not yet an answer. While 待补充 the ticket keeps the deadline it had
/// when paused; the pause credit moves it when the enterprise answers.
/// With <c>dm</c> the deadline's month and <c>am</c> the accepted answer's month (∞ while none), the ticket adds
/// </para>
/// <list type="bullet">
/// <item><see cref="Due"/> +1 in <c>dm</c>, and <see cref="OnTime"/> +1 in <c>dm</c> when the answer came by the deadline;</item>
/// <item>when <c>am &gt; dm</c> (still without an accepted answer when its deadline's month ended), <see cref="Carry"/>
/// +1 in <c>dm + 1</c> and, once answered, −1 in <c>am</c>. The running sum of <see cref="Carry"/> up to month X is then
/// the number of tickets with <c>dm &lt; X &lt; am</c>: due before X and open and overdue at X's end.</item>
/// </list>
/// <para>
/// A month's denominator is its <see cref="Due"/> plus that running sum, its numerator its <see cref="OnTime"/> (a
/// carried ticket is never on time). A quarter is judged at its own end, not month by month: its <see cref="Due"/>
/// and <see cref="OnTime"/> are the sums of its months, and the carry is the same scheme keyed by quarters
/// (<c>dq &lt; Q &lt; aq</c>), so a ticket overdue through January and February counts once in Q1.
/// </para>
/// <para>
/// Each event's delta is the ticket's standing after the event minus its standing before, so any move — an
/// extension or a pause credit carrying the deadline into another month, a rejection restarting the clock, a return
/// re-routing the ticket to another department, the closing — takes the ticket out of the old counters (−1) and puts
/// it in the new (+1). Pure, shared by the live projection, a rebuild and a bulk load.
/// </para>
/// </summary>
internal static class CompletionDeltas
{
    public const string Due = "Due";
    public const string OnTime = "OnTime";
    public const string Carry = "Carry";

    public static readonly IReadOnlyList<string> MonthColumns = [Due, OnTime, Carry];

    public static readonly IReadOnlyList<string> QuarterColumns = [Carry];

    /// <summary>The month-keyed and quarter-keyed deltas of one event, summed per (period, department) and without zeros.</summary>
    public static IReadOnlyList<CompletionDelta> For(TicketState before, TicketState after, WorkingCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        ArgumentNullException.ThrowIfNull(calendar);
        var sums = new Dictionary<(bool Quarter, string Period, string Department, string Column), long>();
        foreach (var (quarter, period, department, column, value) in Standing(before, calendar))
        {
            sums[(quarter, period, department, column)] = sums.GetValueOrDefault((quarter, period, department, column)) - value;
        }

        foreach (var (quarter, period, department, column, value) in Standing(after, calendar))
        {
            sums[(quarter, period, department, column)] = sums.GetValueOrDefault((quarter, period, department, column)) + value;
        }

        return [.. sums
            .Where(s => s.Value != 0)
            .GroupBy(s => (s.Key.Quarter, s.Key.Period, s.Key.Department))
            .OrderBy(g => g.Key.Quarter).ThenBy(g => g.Key.Period, StringComparer.Ordinal).ThenBy(g => g.Key.Department, StringComparer.Ordinal)
            .Select(g => new CompletionDelta(
                g.Key.Quarter,
                g.Key.Period,
                g.Key.Department,
                g.ToDictionary(s => s.Key.Column, s => s.Value, StringComparer.Ordinal)))];
    }

    /// <summary>A month as <c>yyyy-MM</c>.</summary>
    public static string MonthKey(int year, int month) => string.Create(CultureInfo.InvariantCulture, $"{year:D4}-{month:D2}");

    /// <summary>A quarter as <c>yyyy-Qn</c> (sorts by time within the quarter family).</summary>
    public static string QuarterKey(int year, int quarter) => string.Create(CultureInfo.InvariantCulture, $"{year:D4}-Q{quarter}");

    /// <summary>What a ticket in <paramref name="state"/> adds to the counters (nothing before it is routed).</summary>
    private static IEnumerable<(bool Quarter, string Period, string Department, string Column, long Value)> Standing(TicketState state, WorkingCalendar calendar)
    {
        if (state.Clock is not { } clock || state.LeadDepartmentId is not { } department)
        {
            yield break;
        }

        var answeredAt = state.Status == TicketStatus.Closed ? state.LastReply?.At : null;
        var due = clock.Due.DueDate;
        var dueMonth = due.Year * 12 + due.Month - 1;
        yield return (false, Month(dueMonth), department, Due, 1);
        if (answeredAt is { } on && on <= clock.Due.At)
        {
            yield return (false, Month(dueMonth), department, OnTime, 1);
        }

        var answered = answeredAt is { } at ? calendar.LocalDate(at) : (DateOnly?)null;
        var answerMonth = answered is { } a ? a.Year * 12 + a.Month - 1 : int.MaxValue;
        if (answerMonth > dueMonth)
        {
            yield return (false, Month(dueMonth + 1), department, Carry, 1);
            if (answered is not null)
            {
                yield return (false, Month(answerMonth), department, Carry, -1);
            }
        }

        var dueQuarter = dueMonth / 3;
        var answerQuarter = answered is not null ? answerMonth / 3 : int.MaxValue;
        if (answerQuarter > dueQuarter)
        {
            yield return (true, Quarter(dueQuarter + 1), department, Carry, 1);
            if (answered is not null)
            {
                yield return (true, Quarter(answerQuarter), department, Carry, -1);
            }
        }
    }

    private static string Month(int index) => MonthKey(index / 12, index % 12 + 1);

    private static string Quarter(int index) => QuarterKey(index / 4, index % 4 + 1);
}
