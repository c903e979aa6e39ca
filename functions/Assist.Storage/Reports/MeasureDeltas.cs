using System.Globalization;
using Assist.Domain.Calendar;
using Assist.Domain.Scoring;
using Assist.Domain.Tickets;

namespace Assist.Storage.Reports;

/// <summary>
/// What one event adds to the report counters beyond the department counters: a department's
/// <see cref="ServiceTimes"/> in the event's month, and the tickets opened and closed on the event's day (the
/// backlog). Pure like <c>CounterDeltas</c>, so the live projection, a rebuild and a bulk load count alike.
/// </summary>
internal static class MeasureDeltas
{
    public const string Opened = "Opened";
    public const string Closed = "Closed";

    public static readonly IReadOnlyList<string> TimeColumns =
    [
        nameof(ServiceTimes.SignedIn),
        nameof(ServiceTimes.Responded),
        nameof(ServiceTimes.Replies),
        nameof(ServiceTimes.ReplyWorkingMinutes),
        nameof(ServiceTimes.Closes),
        nameof(ServiceTimes.CloseWorkingMinutes),
    ];

    public static readonly IReadOnlyList<string> FlowColumns = [Opened, Closed];

    /// <summary>The department's service-time delta (month of the event), or null when the event adds none.</summary>
    public static ServiceTimes? Times(TicketState before, TicketEvent @event, WorkingCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(calendar);
        switch (@event)
        {
            case DepartmentSignedIn e:
                return ServiceTimes.Zero(e.DepartmentId) with { SignedIn = 1 };
            case EnterpriseContacted { First: true } e:
                return ServiceTimes.Zero(e.DepartmentId) with { Responded = 1 };
            case TicketReplied e:
                // A reply without an earlier contact is the department's first response to the enterprise.
                var firstResponse = before.FirstContactAt is null && before.LastReply is null;
                var started = before.Clock?.StartedAt ?? before.SubmittedAt ?? e.At;
                return ServiceTimes.Zero(e.DepartmentId) with
                {
                    Responded = firstResponse ? 1 : 0,
                    Replies = 1,
                    ReplyWorkingMinutes = Minutes(calendar.WorkingTimeBetween(started, e.At)),
                };
            case TicketClosed e when (before.LastReply?.DepartmentId ?? before.LeadDepartmentId) is { } department:
                return ServiceTimes.Zero(department) with
                {
                    Closes = 1,
                    CloseWorkingMinutes = Minutes(calendar.WorkingTimeBetween(before.SubmittedAt ?? e.At, e.At)),
                };
            default:
                return null;
        }
    }

    /// <summary>Tickets opened (submitted) or closed (销号) on the event's day, or null.</summary>
    public static IReadOnlyDictionary<string, long>? Flow(TicketEvent @event) => @event switch
    {
        TicketSubmitted => new Dictionary<string, long> { [Opened] = 1 },
        TicketClosed => new Dictionary<string, long> { [Closed] = 1 },
        _ => null,
    };

    public static string Month(DateTimeOffset at, WorkingCalendar calendar) =>
        at.ToOffset(calendar.UtcOffset).ToString("yyyy-MM", CultureInfo.InvariantCulture);

    public static string Day(DateTimeOffset at, WorkingCalendar calendar) =>
        at.ToOffset(calendar.UtcOffset).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static IReadOnlyDictionary<string, long> Columns(ServiceTimes times) => new Dictionary<string, long>(StringComparer.Ordinal)
    {
        [nameof(ServiceTimes.SignedIn)] = times.SignedIn,
        [nameof(ServiceTimes.Responded)] = times.Responded,
        [nameof(ServiceTimes.Replies)] = times.Replies,
        [nameof(ServiceTimes.ReplyWorkingMinutes)] = times.ReplyWorkingMinutes,
        [nameof(ServiceTimes.Closes)] = times.Closes,
        [nameof(ServiceTimes.CloseWorkingMinutes)] = times.CloseWorkingMinutes,
    };

    public static ServiceTimes FromColumns(string departmentId, IReadOnlyDictionary<string, long> columns) => new(
        departmentId,
        columns.GetValueOrDefault(nameof(ServiceTimes.SignedIn)),
        columns.GetValueOrDefault(nameof(ServiceTimes.Responded)),
        columns.GetValueOrDefault(nameof(ServiceTimes.Replies)),
        columns.GetValueOrDefault(nameof(ServiceTimes.ReplyWorkingMinutes)),
        columns.GetValueOrDefault(nameof(ServiceTimes.Closes)),
        columns.GetValueOrDefault(nameof(ServiceTimes.CloseWorkingMinutes)));

    private static long Minutes(TimeSpan span) => (long)Math.Round(span.TotalMinutes, MidpointRounding.AwayFromZero);
}
