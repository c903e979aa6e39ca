using System.Globalization;
using Assist.Domain.Common;
using Assist.Domain.Organization;
using Assist.Domain.Routing;
using Assist.Domain.Tickets;
using Assist.Domain.Validation;

namespace Assist.Storage.Tests.Reports;

/// <summary>
/// Plays generated tickets through the pure decider (no storage), the way the app would: commands at plausible
/// office-hour times, and every timer the ticket holds fired when its time comes, so late tickets climb the ladder.
/// Fates are drawn from a seeded random: signed in on time or late, contacted, returned (accepted or refused),
/// paused for information (待补充, answered or not), extended, replied on time or late, confirmed with a rating, rejected once, left unrated, or still open at the
/// horizon. Deterministic for a seed. Shared by the report tests and the <c>reports</c> benchmark.
/// </summary>
internal sealed class TicketHistoryGenerator
{
    public const string Mobile = "13912345678";

    private static readonly string[] Districts = ["城关区", "高新区", "经开区", "临港区"];
    private static readonly string[] Types = ["Consultation", "Help", "Help", "Suggestion", "Complaint"];

    private readonly DecisionContext _context;
    private readonly Random _random;
    private readonly string[] _topics;
    private readonly string _supervisor;
    private readonly List<(string Name, string Code)> _enterprises;
    private readonly Dictionary<string, int> _openByOfficer = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _lastByDepartment = new(StringComparer.Ordinal);

    public TicketHistoryGenerator(DecisionContext context, int seed, int enterprises = 60)
    {
        _context = context;
        _random = new Random(seed);
        _topics = [.. context.Routing.Rules.Where(r => r.District is null && r.EnterpriseTier is null).Select(r => r.Topic).Distinct().Order(StringComparer.Ordinal)];
        _supervisor = context.Directory.UsersInRole(StaffRole.Supervisor)[0];
        _enterprises = [.. Enumerable.Range(1, enterprises).Select(Enterprise)];
    }

    /// <summary>Plays one ticket received at <paramref name="receivedAt"/> until it closes or <paramref name="horizon"/> comes.</summary>
    public GeneratedTicket Generate(int index, DateTimeOffset receivedAt, DateTimeOffset horizon)
    {
        var play = new Play(_context, horizon);
        var (name, code) = _enterprises[_random.Next(_enterprises.Count)];
        var confidential = _random.Next(10) == 0;
        var form = new EnterpriseForm(
            name, code, Districts[_random.Next(Districts.Length)], "制造业", "中型", null, "张经理", Mobile,
            Types[_random.Next(Types.Length)], _topics[_random.Next(_topics.Length)], _random.Next(25) == 0,
            $"企业诉求{index.ToString(CultureInfo.InvariantCulture)}：审批进度", "请协调相关部门尽快办理。", ValueList.Empty<AttachmentRef>(), confidential, true);
        var number = $"G{index.ToString("D6", CultureInfo.InvariantCulture)}";
        var context = _context with { Workloads = new AssignmentSnapshot(_openByOfficer, _lastByDepartment, new Dictionary<string, string>()) };
        // Submitted, then routed by the rules at the same instant (the ticket orchestration's first activity).
        if (!play.Do(new SubmitTicket(Actor.Enterprise, number, number, form), receivedAt, context)
            || !play.Do(new RouteByRules(Actor.System), receivedAt, context))
        {
            throw new InvalidOperationException($"Generated ticket {number} was refused.");
        }

        if (play.State.OfficerId is { } assigned && play.State.LeadDepartmentId is { } lead)
        {
            _openByOfficer[assigned] = _openByOfficer.GetValueOrDefault(assigned) + 1;
            _lastByDepartment[lead] = assigned;
        }

        Live(play);
        play.AdvanceTo(horizon);
        if (play.State.Status == TicketStatus.Closed && play.State.OfficerId is { } officer)
        {
            _openByOfficer[officer] = Math.Max(0, _openByOfficer.GetValueOrDefault(officer) - 1);
        }

        return new GeneratedTicket(play.State, play.Events, play.LastAt);
    }

    private void Live(Play play)
    {
        var calendar = _context.Calendar;
        DateTimeOffset After(DateTimeOffset from, double hours) => calendar.AddWorkingTime(from, TimeSpan.FromHours(hours)).At;
        Actor Officer() => Actor.Staff(play.State.OfficerId ?? _supervisor);
        var supervisor = Actor.Staff(_supervisor);

        var at = play.LastAt;
        var lateSignIn = _random.Next(5) == 0;
        at = After(at, lateSignIn ? 8 + _random.Next(1, 20) : _random.NextDouble() * 5);
        if (play.State.LeadDepartmentId is not { } lead || !play.Do(new CheckIn(Officer(), lead), at))
        {
            return;
        }

        if (_random.Next(100) < 5)
        {
            at = After(at, 1);
            if (play.Do(new ReturnTicket(Officer(), "非本部门职责"), at))
            {
                at = After(at, 3);
                var accept = _random.Next(2) == 0;
                var other = _context.Routing.Rules.Select(r => r.LeadDepartmentId).Where(d => d != lead).Distinct().Order(StringComparer.Ordinal).ToList();
                var newLead = other[_random.Next(other.Count)];
                if (!play.Do(new DecideReturn(supervisor, accept, accept ? "改派" : "退单理由不成立", accept ? newLead : null, accept ? ValueList.Empty<string>() : null), at))
                {
                    return;
                }

                if (accept)
                {
                    at = After(at, _random.NextDouble() * 4);
                    if (!play.Do(new CheckIn(Officer(), newLead), at))
                    {
                        return;
                    }
                }
            }
        }

        if (_random.Next(100) < 70)
        {
            at = After(at, 0.5 + _random.NextDouble() * 6);
            play.Do(new RecordContact(Officer(), "电话联系企业"), at);
        }

        if (_random.Next(100) < 10)
        {
            // 待补充: the clock pauses until the enterprise answers (sometimes never, before the horizon).
            at = After(at, 0.5 + _random.NextDouble() * 8);
            if (play.Do(new RequestInformation(Officer(), "请补充相关材料"), at))
            {
                if (_random.Next(6) == 0)
                {
                    return;
                }

                at = After(at, 1 + _random.Next(1, 50));
                if (!play.Do(new ProvideInformation(Actor.Enterprise, "已补充材料", ValueList.Empty<AttachmentRef>()), at))
                {
                    return;
                }
            }
        }

        if (_random.Next(100) < 6)
        {
            at = After(at, 1);
            if (play.Do(new RequestExtension(Officer(), 3, "需要上级审批"), at))
            {
                play.Do(new DecideExtension(supervisor, true, "同意延期", null), After(at, 2));
            }
        }

        if (_random.Next(100) < 12)
        {
            return;
        }

        var due = play.State.Clock?.Due.At ?? After(at, 14);
        var window = Math.Max(1, calendar.WorkingTimeBetween(at, due).TotalHours);
        var replyAt = _random.Next(100) < 72 ? After(at, window * _random.NextDouble() * 0.95) : After(due, 1 + _random.Next(1, 60));
        if (!play.Do(new Reply(Officer(), "已协调办理", _random.Next(100) < 85), replyAt))
        {
            return;
        }

        at = After(replyAt, 2 + _random.Next(20));
        var fate = _random.Next(100);
        if (fate < 6)
        {
            if (play.Do(new RejectReply(Actor.Enterprise, "问题未解决"), at))
            {
                at = After(at, 4 + _random.Next(20));
                if (play.Do(new Reply(Officer(), "再次协调，已解决", true), at))
                {
                    play.Do(new Confirm(Actor.Enterprise, Rating(), null), After(at, 3));
                }
            }
        }
        else if (fate < 76)
        {
            play.Do(new Confirm(Actor.Enterprise, Rating(), null), at);
        }

        // Otherwise the enterprise never answers: the confirmation window closes the ticket as 未评价.
    }

    private SatisfactionRating Rating() => _random.Next(100) switch
    {
        < 45 => SatisfactionRating.VerySatisfied,
        < 75 => SatisfactionRating.Satisfied,
        < 88 => SatisfactionRating.BasicallySatisfied,
        < 96 => SatisfactionRating.Dissatisfied,
        _ => SatisfactionRating.VeryDissatisfied,
    };

    private static (string Name, string Code) Enterprise(int i)
    {
        var first17 = "91440300" + i.ToString("D9", CultureInfo.InvariantCulture);
        return ($"示例企业{i.ToString("D4", CultureInfo.InvariantCulture)}有限公司", first17 + UnifiedSocialCreditCode.CheckCharacter(first17));
    }

    /// <summary>One ticket's state and events, with the timers it holds fired in time order before each command.</summary>
    private sealed class Play(DecisionContext context, DateTimeOffset horizon)
    {
        public TicketState State { get; private set; } = TicketState.Initial;

        public List<TicketEvent> Events { get; } = [];

        public DateTimeOffset LastAt { get; private set; } = DateTimeOffset.MinValue;

        public bool Do(TicketCommand command, DateTimeOffset at, DecisionContext? with = null)
        {
            if (at > horizon)
            {
                return false;
            }

            AdvanceTo(at);
            if (State.Status == TicketStatus.Closed && command is not SubmitTicket)
            {
                return false;
            }

            return Apply(TicketDecider.Decide(State, command, at, with ?? context), at);
        }

        public void AdvanceTo(DateTimeOffset until)
        {
            while (TicketDecider.Timers(State).Where(t => t.DueAt <= until).OrderBy(t => t.DueAt).FirstOrDefault() is { } timer)
            {
                var at = timer.DueAt > LastAt ? timer.DueAt : LastAt;
                var decision = TicketDecider.Decide(State, new TimerElapsed(Actor.System, timer.Kind, timer.DueAt, timer.Key), at, context);
                if (!decision.IsAccepted || decision.Events.Count == 0)
                {
                    break;
                }

                Apply(decision, at);
            }
        }

        private bool Apply(Decision decision, DateTimeOffset at)
        {
            if (!decision.IsAccepted)
            {
                return false;
            }

            foreach (var @event in decision.Events)
            {
                State = TicketDecider.Evolve(State, @event);
                Events.Add(@event);
            }

            LastAt = at > LastAt ? at : LastAt;
            return true;
        }
    }
}

/// <summary>A generated ticket: its final state, its events in order, and when it last changed.</summary>
internal sealed record GeneratedTicket(TicketState State, IReadOnlyList<TicketEvent> Events, DateTimeOffset UpdatedAt);
