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
/// With <c>dm</c> the deadline's month and <c>am</c> the accepted answer's month (∞ while none), and <c>q(m)</c> a
/// month's quarter, the ticket adds
/// </para>
/// <list type="bullet">
/// <item>in <c>dm</c>: <see cref="Due"/> +1; <see cref="OnTime"/> +1 when the answer came by the deadline;
/// <see cref="CarryOut"/> +1 when <c>am &gt; dm</c> (no accepted answer when its deadline's month ended);
/// <see cref="QuarterCarryOut"/> +1 when <c>q(am) &gt; q(dm)</c>;</item>
/// <item>in <c>am</c>, once answered: <see cref="CarryEnd"/> +1 when <c>am &gt; dm</c>, <see cref="QuarterCarryEnd"/>
/// +1 when <c>q(am) &gt; q(dm)</c>.</item>
/// </list>
/// <para>
/// A month X's denominator is its <see cref="Due"/> plus the tickets due before X and open and overdue at X's end
/// (<c>dm &lt; X &lt; am</c>): the sum of <see cref="CarryOut"/> over months before X minus the sum of
/// <see cref="CarryEnd"/> over months up to X. Its numerator is its <see cref="OnTime"/> (a carried ticket is never on
/// time). A quarter is judged at its own end, not month by month: its <see cref="Due"/> and <see cref="OnTime"/> are
/// the sums of its months, and its carry is the same sum over the quarter columns with months of earlier quarters
/// (<c>q(dm) &lt; Q &lt; q(am)</c>), so a ticket overdue through January and February counts once in Q1.
/// </para>
/// <para>
/// Everything a ticket adds while it is open lives in one row, its deadline month's, so routing, assigning and
/// answering within the month touch one counter partition per event; only an answer in a later month adds a row.
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
    public const string CarryOut = "CarryOut";
    public const string CarryEnd = "CarryEnd";
    public const string QuarterCarryOut = "QuarterCarryOut";
    public const string QuarterCarryEnd = "QuarterCarryEnd";

    public static readonly IReadOnlyList<string> Columns = [Due, OnTime, CarryOut, CarryEnd, QuarterCarryOut, QuarterCarryEnd];

    /// <summary>The month-keyed deltas of one event, summed per (month, department) and without zeros.</summary>
    public static IReadOnlyList<CompletionDelta> For(TicketState before, TicketState after, WorkingCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        ArgumentNullException.ThrowIfNull(calendar);
        var sums = new Dictionary<(string Period, string Department, string Column), long>();
        foreach (var (period, department, column, value) in Standing(before, calendar))
        {
            sums[(period, department, column)] = sums.GetValueOrDefault((period, department, column)) - value;
        }

        foreach (var (period, department, column, value) in Standing(after, calendar))
        {
            sums[(period, department, column)] = sums.GetValueOrDefault((period, department, column)) + value;
        }

        return [.. sums
            .Where(s => s.Value != 0)
            .GroupBy(s => (s.Key.Period, s.Key.Department))
            .OrderBy(g => g.Key.Period, StringComparer.Ordinal).ThenBy(g => g.Key.Department, StringComparer.Ordinal)
            .Select(g => new CompletionDelta(
                g.Key.Period,
                g.Key.Department,
                g.ToDictionary(s => s.Key.Column, s => s.Value, StringComparer.Ordinal)))];
    }

    /// <summary>A month as <c>yyyy-MM</c>.</summary>
    public static string MonthKey(int year, int month) => string.Create(CultureInfo.InvariantCulture, $"{year:D4}-{month:D2}");

    /// <summary>When the accepted answer came: the last reply before the closing (confirmed or 未评价); null while open.</summary>
    public static DateTimeOffset? AcceptedAnswerAt(TicketState state) =>
        state.Status == TicketStatus.Closed ? state.LastReply?.At : null;

    /// <summary>
    /// 按时办结 of one ticket: whether its accepted answer came by the deadline the state holds (extensions and pause
    /// credit included); null while there is no accepted answer.
    /// </summary>
    public static bool? CompletedOnTime(TicketState state) =>
        AcceptedAnswerAt(state) is { } answered && state.Clock is { } clock ? answered <= clock.Due.At : null;

    /// <summary>What a ticket in <paramref name="state"/> adds to the counters (nothing before it is routed).</summary>
    private static IEnumerable<(string Period, string Department, string Column, long Value)> Standing(TicketState state, WorkingCalendar calendar)
    {
        if (state.Clock is not { } clock || state.LeadDepartmentId is not { } department)
        {
            yield break;
        }

        var answeredAt = AcceptedAnswerAt(state);
        var due = clock.Due.DueDate;
        var dueMonth = due.Year * 12 + due.Month - 1;
        yield return (Month(dueMonth), department, Due, 1);
        if (CompletedOnTime(state) == true)
        {
            yield return (Month(dueMonth), department, OnTime, 1);
        }

        var answered = answeredAt is { } at ? calendar.LocalDate(at) : (DateOnly?)null;
        var answerMonth = answered is { } a ? a.Year * 12 + a.Month - 1 : int.MaxValue;
        if (answerMonth > dueMonth)
        {
            yield return (Month(dueMonth), department, CarryOut, 1);
            if (answered is not null)
            {
                yield return (Month(answerMonth), department, CarryEnd, 1);
            }
        }

        if (answerMonth / 3 > dueMonth / 3)
        {
            yield return (Month(dueMonth), department, QuarterCarryOut, 1);
            if (answered is not null)
            {
                yield return (Month(answerMonth), department, QuarterCarryEnd, 1);
            }
        }
    }

    private static string Month(int index) => MonthKey(index / 12, index % 12 + 1);
}
