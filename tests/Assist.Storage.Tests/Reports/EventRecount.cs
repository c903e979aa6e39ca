using Assist.Domain.Calendar;
using Assist.Domain.Scoring;
using Assist.Domain.Tickets;

namespace Assist.Storage.Tests.Reports;

/// <summary>
/// Counts straight from the events, the way an auditor would with the ledger in one hand: per department per
/// month in China time, written out here independently of the projection's delta functions. 按时办结率 is recounted
/// per period from each ticket's last deadline and accepted answer, as PRODUCT.md (Measures) words it.
/// </summary>
internal sealed class EventRecount
{
    public Dictionary<(string Month, string Department), DepartmentCounts> Counts { get; } = [];

    public Dictionary<(string Month, string Department), ServiceTimes> Times { get; } = [];

    public Dictionary<DateOnly, (long Opened, long Closed)> Flow { get; } = [];

    public List<(string Month, string Number, string Department)> RedCards { get; } = [];

    /// <summary>Every routed ticket: its lead department, its deadline as the events last set it, and its accepted answer (null while open).</summary>
    public List<(string Number, string Department, Deadline Due, DateTimeOffset? AnsweredAt)> Deadlines { get; } = [];

    public static EventRecount Of(IEnumerable<GeneratedTicket> tickets, WorkingCalendar calendar)
    {
        var recount = new EventRecount();
        foreach (var ticket in tickets)
        {
            recount.Add(ticket, calendar);
        }

        return recount;
    }

    public IReadOnlyDictionary<string, DepartmentCounts> CountsIn(ReportPeriod period)
    {
        var counts = Sum(Counts, period, (a, b) => a.Add(b));
        foreach (var (department, (due, onTime)) in CompletionsIn(period))
        {
            counts[department] = (counts.GetValueOrDefault(department) ?? DepartmentCounts.Zero(department)) with { CompletionsDue = due, CompletedOnTime = onTime };
        }

        return counts;
    }

    /// <summary>
    /// 按时办结率 of a period: tickets whose deadline day falls in it, or fell before it while no accepted answer came
    /// by the period's last day; on time when the accepted answer came by the deadline instant.
    /// </summary>
    public Dictionary<string, (int Due, int OnTime)> CompletionsIn(ReportPeriod period)
    {
        var result = new Dictionary<string, (int Due, int OnTime)>(StringComparer.Ordinal);
        foreach (var (_, department, due, answeredAt) in Deadlines)
        {
            var answeredOn = answeredAt is { } at ? DateOnly.FromDateTime(at.ToOffset(TimeSpan.FromHours(8)).DateTime) : (DateOnly?)null;
            var dueInPeriod = due.DueDate >= period.FirstDay && due.DueDate <= period.LastDay;
            var openAndOverdueAtEnd = due.DueDate < period.FirstDay && (answeredOn is null || answeredOn > period.LastDay);
            if (!dueInPeriod && !openAndOverdueAtEnd)
            {
                continue;
            }

            var onTime = dueInPeriod && answeredAt is { } answer && answer <= due.At;
            var (d, o) = result.GetValueOrDefault(department);
            result[department] = (d + 1, o + (onTime ? 1 : 0));
        }

        return result;
    }

    public IReadOnlyDictionary<string, ServiceTimes> TimesIn(ReportPeriod period) => Sum(Times, period, (a, b) => a.Add(b));

    private static Dictionary<string, T> Sum<T>(Dictionary<(string Month, string Department), T> source, ReportPeriod period, Func<T, T, T> add)
    {
        var result = new Dictionary<string, T>(StringComparer.Ordinal);
        foreach (var ((month, department), value) in source.Where(s => period.Months.Contains(s.Key.Month)))
        {
            result[department] = result.TryGetValue(department, out var sum) ? add(sum, value) : value;
        }

        return result;
    }

    private void Add(GeneratedTicket ticket, WorkingCalendar calendar)
    {
        string? lead = null, replier = null, extensionDepartment = null;
        DateTimeOffset? submitted = null, clockStart = null, contacted = null, replied = null, answered = null;
        Deadline? deadline = null;
        var resolved = false;
        foreach (var @event in ticket.Events)
        {
            var month = ReportDataset.Month(@event.At);
            void Count(string department, Func<DepartmentCounts, DepartmentCounts> change) =>
                Counts[(month, department)] = change(Counts.GetValueOrDefault((month, department)) ?? DepartmentCounts.Zero(department));
            void Time(string department, Func<ServiceTimes, ServiceTimes> change) =>
                Times[(month, department)] = change(Times.GetValueOrDefault((month, department)) ?? ServiceTimes.Zero(department));
            long Minutes(DateTimeOffset from) => (long)Math.Round(calendar.WorkingTimeBetween(from, @event.At).TotalMinutes, MidpointRounding.AwayFromZero);
            var day = DateOnly.FromDateTime(@event.At.ToOffset(TimeSpan.FromHours(8)).DateTime);

            switch (@event)
            {
                case TicketSubmitted e:
                    submitted = e.At;
                    Flow[day] = (Flow.GetValueOrDefault(day).Opened + 1, Flow.GetValueOrDefault(day).Closed);
                    break;
                case TicketRouted e:
                    lead = e.LeadDepartmentId;
                    clockStart = e.Clock.StartedAt;
                    deadline = e.Clock.Due;
                    foreach (var department in e.Departments)
                    {
                        Count(department.DepartmentId, c => c with { SignInsDue = c.SignInsDue + 1 });
                    }

                    break;
                case DepartmentSignedIn e:
                    if (e.OnTime)
                    {
                        Count(e.DepartmentId, c => c with { SignedInOnTime = c.SignedInOnTime + 1 });
                    }

                    Time(e.DepartmentId, t => t with { SignedIn = t.SignedIn + 1 });
                    break;
                case EnterpriseContacted e:
                    if (contacted is null)
                    {
                        Time(e.DepartmentId, t => t with { Responded = t.Responded + 1 });
                    }

                    contacted ??= e.At;
                    break;
                case TicketReplied e:
                    var first = contacted is null && replied is null;
                    var from = clockStart!.Value;
                    Count(e.DepartmentId, c => c with { Replied = c.Replied + 1 });
                    resolved = e.Resolved;
                    Time(e.DepartmentId, t => t with { Responded = t.Responded + (first ? 1 : 0), Replies = t.Replies + 1, ReplyWorkingMinutes = t.ReplyWorkingMinutes + Minutes(from) });
                    replier = e.DepartmentId;
                    replied = e.At;
                    break;
                case ReplyRejected e:
                    clockStart = e.Clock.StartedAt;
                    deadline = e.Clock.Due;
                    break;
                case InformationProvided e:
                    clockStart = e.Clock.StartedAt;
                    deadline = e.Clock.Due;
                    break;
                case ExtensionRequested e:
                    extensionDepartment = e.DepartmentId;
                    break;
                case ExtensionApproved e:
                    clockStart = e.Clock.StartedAt;
                    deadline = e.Clock.Due;
                    Count(extensionDepartment ?? lead!, c => c with { Extensions = c.Extensions + 1 });
                    break;
                case ReturnRequested e:
                    Count(e.DepartmentId, c => c with { Returns = c.Returns + 1 });
                    break;
                case ReturnRefused e:
                    Count(e.DepartmentId, c => c with { ImproperReturns = c.ImproperReturns + 1 });
                    break;
                // Overdue: the lead's yellow card, and a co-handler's missed contribution deadline (协办) in its own count.
                case EscalationRaised { Rung: EscalationRung.YellowCard or EscalationRung.ContributionOverdue, DepartmentId: { } department }:
                    Count(department, c => c with { Overdue = c.Overdue + 1 });
                    break;
                case EscalationRaised { Rung: EscalationRung.RedCard } e:
                    RedCards.Add((month, ticket.State.TicketNumber, e.DepartmentId ?? lead!));
                    break;
                case TicketClosed e:
                    var closer = replier ?? lead!;
                    answered = replied;
                    Count(closer, c => c with { Answered = c.Answered + 1, Resolved = c.Resolved + (resolved ? 1 : 0) });
                    Count(closer, c => e.Rating switch
                    {
                        SatisfactionRating.VerySatisfied => c with { VerySatisfied = c.VerySatisfied + 1 },
                        SatisfactionRating.Satisfied => c with { Satisfied = c.Satisfied + 1 },
                        SatisfactionRating.BasicallySatisfied => c with { BasicallySatisfied = c.BasicallySatisfied + 1 },
                        SatisfactionRating.Dissatisfied => c with { Dissatisfied = c.Dissatisfied + 1 },
                        SatisfactionRating.VeryDissatisfied => c with { VeryDissatisfied = c.VeryDissatisfied + 1 },
                        _ => c with { Unrated = c.Unrated + 1 },
                    });
                    Time(closer, t => t with { Closes = t.Closes + 1, CloseWorkingMinutes = t.CloseWorkingMinutes + Minutes(submitted!.Value) });
                    Flow[day] = (Flow.GetValueOrDefault(day).Opened, Flow.GetValueOrDefault(day).Closed + 1);
                    break;
            }
        }

        if (lead is not null && deadline is not null)
        {
            Deadlines.Add((ticket.State.TicketNumber, lead, deadline, answered));
        }
    }
}
