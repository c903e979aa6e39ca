using Assist.Domain.Calendar;
using Assist.Domain.Common;
using Assist.Domain.Ledger;
using Assist.Domain.Tests.Support;
using Assist.Domain.Tickets;
using FsCheck;
using FsCheck.Fluent;
using static Assist.Domain.Tests.Support.TestData;

namespace Assist.Domain.Tests.Properties;

/// <summary>
/// Random command sequences (valid or not) against the decider, starting anywhere in 2025–2026 so holidays and
/// make-up workdays come up. Rejected commands change nothing; accepted ones must keep every invariant.
/// </summary>
public sealed class TicketProperties
{
    private const int CommandKinds = 24;

    private static readonly Config Config = Config.QuickThrowOnFailure.WithMaxTest(150);

    private static readonly Dictionary<string, string> HeadOf = new()
    {
        [Finance] = FinanceHead,
        [Land] = LandHead,
        [Tax] = TaxHead,
    };

    private static Arbitrary<(int Start, int[][] Steps)> Runs() =>
        Gen.Choose(0, 700)
            .Zip(Gen.ArrayOf(Gen.ArrayOf(Gen.Choose(0, 4000), 3), 40).Select(steps => steps))
            .Select(pair => (pair.Item1, pair.Item2))
            .ToArbitrary();

    [Fact]
    public void AnyCommandSequence_KeepsStateConsistent()
    {
        Check.One(Config, Prop.ForAll(Runs(), run =>
        {
            foreach (var (state, _) in Play(run))
            {
                AssertConsistent(state);
            }
        }));
    }

    [Fact]
    public void AnyCommandSequence_ClosedOnlyWithRatingOrConfirmationTimeout()
    {
        Check.One(Config, Prop.ForAll(Runs(), run =>
        {
            foreach (var (state, events) in Play(run))
            {
                if (state.Status != TicketStatus.Closed)
                {
                    continue;
                }

                var closed = events.OfType<TicketClosed>().Single();
                Assert.True(
                    (closed.Kind == ClosureKind.Confirmed && closed.Rating is not null && closed.By.Kind == ActorKind.Enterprise)
                    || (closed.Kind == ClosureKind.Unrated && closed.Rating is null && closed.By == Actor.System));
                Assert.Contains(events, e => e is TicketReplied);
            }
        }));
    }

    [Fact]
    public void AnyCommandSequence_ReplayAndStoredFormatReproduceState()
    {
        Check.One(Config, Prop.ForAll(Runs(), run =>
        {
            var (state, events) = Play(run).Last();
            var stored = LedgerHash.Chain(events);

            Assert.Equal(state, TicketDecider.Replay(events));
            Assert.Equal(state, TicketDecider.Replay(stored.Select(entry => TicketEventSerializer.Deserialize(entry.Payload))));
            Assert.Equal(state, TicketEventSerializer.DeserializeState(TicketEventSerializer.SerializeState(state)));
            Assert.True(LedgerHash.Verify(stored).IsValid);
        }));
    }

    [Fact]
    public void AnyCommandSequence_NoDeadlineOnAnOffDay()
    {
        Check.One(Config, Prop.ForAll(Runs(), run =>
        {
            var (_, events) = Play(run).Last();
            foreach (var deadline in events.SelectMany(Deadlines))
            {
                Assert.True(WorkingCalendar.Default.IsWorkingDay(deadline.DueDate), $"{deadline.DueDate} is an off day");
            }
        }));
    }

    [Fact]
    public void AddWorkingDaysOrTime_AnyStart_DueOnAWorkingDayInsideOfficeHours()
    {
        var calendar = WorkingCalendar.Default;
        var starts = Gen.Choose(0, 4 * 365 * 24 * 4).Select(quarterHours => Beijing(2024, 1, 1, 0).AddMinutes(15 * quarterHours));
        var cases = starts.Zip(Gen.Choose(0, 40)).ToArbitrary();

        Check.One(Config.WithMaxTest(500), Prop.ForAll(cases, c =>
        {
            var (start, amount) = c;
            var days = calendar.AddWorkingDays(start, amount);
            var hours = calendar.AddWorkingTime(start, TimeSpan.FromMinutes(amount * 37));

            Assert.True(calendar.IsWorkingDay(days.DueDate));
            Assert.True(days.At > start);
            Assert.True(calendar.IsWorkingDay(hours.DueDate));
            Assert.Equal(TimeSpan.FromMinutes(amount * 37), calendar.WorkingTimeBetween(start, hours.At));
            Assert.Equal(amount == 0 ? 0 : amount, amount == 0 ? 0 : calendar.WorkingDaysBetween(start, days.At));
        }));
    }

    private static IEnumerable<Deadline> Deadlines(TicketEvent @event) => @event switch
    {
        TicketRouted e => e.Departments.Select(d => d.SignInDue).Append(e.Clock.Due).Append(e.ReturnWindow),
        InformationProvided e => [e.Clock.Due],
        ReplyRejected e => [e.Clock.Due],
        ExtensionApproved e => [e.Clock.Due],
        TicketReplied e => [e.ConfirmationDue],
        ReturnRequested e => [e.DecisionDue],
        ExtensionRequested e => [e.DecisionDue],
        SupervisionOrderIssued e => [e.Due],
        _ => [],
    };

    /// <summary>Plays a run, yielding the state and the accepted events after every step.</summary>
    private static IEnumerable<(TicketState State, List<TicketEvent> Events)> Play((int Start, int[][] Steps) run)
    {
        var context = Support.TestData.Context;
        var state = TicketState.Initial;
        var events = new List<TicketEvent>();
        var now = Beijing(2025, 1, 1, 7).AddDays(run.Start);
        yield return (state, events);
        foreach (var step in run.Steps)
        {
            now = now.AddMinutes(step[1] % 2000);
            var command = Command(state, step[0] % CommandKinds, step[2], ref now);
            if (command is null)
            {
                continue;
            }

            var decision = TicketDecider.Decide(state, command, now, context);
            Assert.True(decision.IsAccepted || decision.Events.Count == 0);
            if (command is SubmitTicket && decision.IsAccepted)
            {
                // The app routes by the rules right after a submission (the ticket orchestration's first activity).
                var submitted = decision.Events.Aggregate(state, TicketDecider.Evolve);
                decision = decision with { Events = decision.Events.Concat(TicketDecider.Decide(submitted, new RouteByRules(Actor.System), now, context).Events).ToValueList() };
            }

            foreach (var @event in decision.Events)
            {
                Assert.Equal(now, @event.At);
                state = TicketDecider.Evolve(state, @event);
                events.Add(@event);
            }

            yield return (state, events);
        }
    }

    private static TicketCommand? Command(TicketState state, int kind, int pick, ref DateTimeOffset now)
    {
        var lead = state.LeadDepartmentId is { } department && HeadOf.TryGetValue(department, out var head) ? Actor.Staff(head) : Actor.Staff(Outsider);
        var supervisor = Actor.Staff(Supervisor);
        var other = state.LeadDepartmentId == Land ? Tax : Land;
        switch (kind)
        {
            case 0: return TicketScenario.Submit();
            case 1: return TicketScenario.Submit(topic: "OTHER", type: "Complaint");
            case 2: return TicketScenario.Submit(type: "Consultation", urgent: true);
            case 3: return new RouteTicket(Actor.Staff(HqClerk), Land, ValueList.Of(Finance));
            case 4: return new CheckIn(lead, state.LeadDepartmentId ?? Finance);
            case 5: return new CheckIn(Actor.Staff(FinanceOfficerA), Finance);
            case 6: return new RecordContact(lead, "联系企业");
            case 7: return new RecordProgress(lead, "办理进展");
            case 8: return new RequestInformation(lead, "请补充材料");
            case 9: return new ProvideInformation(Enterprise, "已补充", ValueList.Empty<AttachmentRef>());
            case 10: return new Reply(lead, "答复", pick % 3 != 0);
            case 11: return new Confirm(Enterprise, (SatisfactionRating)(1 + (pick % 5)), null);
            case 12: return new RejectReply(Enterprise, "不满意");
            case 13: return new ReturnTicket(lead, "非本部门职责");
            case 14: return new DecideReturn(supervisor, true, "同意", other, null);
            case 15: return new DecideReturn(supervisor, false, "不同意", null, null);
            case 16: return new RequestExtension(lead, 1 + (pick % 16), "需审批");
            case 17: return new DecideExtension(supervisor, true, "同意", pick % 2 == 0 ? null : 1);
            case 18: return new DecideExtension(supervisor, false, "不同意", null);
            case 19: return new EscalateTicket(supervisor, "提级");
            case 20: return new IssueSupervisionOrder(supervisor, "DB-" + (pick % 3), null, "督办", pick % 4);
            case 21: return new ReassignOfficer(lead, pick % 2 == 0 ? FinanceOfficerA : FinanceOfficerB, "调整");
            case 22: return new AssignOfficer(lead, null);
            default:
                var timers = TicketDecider.Timers(state);
                if (timers.Count == 0)
                {
                    return null;
                }

                var timer = timers[pick % timers.Count];
                if (now < timer.DueAt)
                {
                    now = timer.DueAt.AddMinutes(pick % 90);
                }

                return new TimerElapsed(Actor.System, timer.Kind, timer.DueAt, timer.Key);
        }
    }

    private static void AssertConsistent(TicketState state)
    {
        var open = state.Status is TicketStatus.Routed or TicketStatus.InProgress or TicketStatus.AwaitingInformation
            or TicketStatus.Replied or TicketStatus.ReturnRequested;
        Assert.Equal(state.Status == TicketStatus.Closed, state.Closure is not null);
        Assert.Equal(state.Status == TicketStatus.AwaitingInformation, state.PausedAt is not null);
        Assert.Equal(state.Status == TicketStatus.ReturnRequested, state.PendingReturn is not null);
        if (open)
        {
            Assert.NotNull(state.Clock);
            Assert.Equal(state.LeadDepartmentId, state.Departments.Single(d => d.Role == DepartmentRole.Lead).DepartmentId);
            Assert.Equal(state.Departments.Count, state.Departments.Select(d => d.DepartmentId).Distinct().Count());
        }

        if (state.Status is TicketStatus.InProgress or TicketStatus.AwaitingInformation or TicketStatus.Replied)
        {
            Assert.NotNull(state.Department(state.LeadDepartmentId)!.SignedInAt);
        }

        if (state.Status == TicketStatus.Replied)
        {
            Assert.NotNull(state.LastReply);
        }

        if (state.Closure is { Kind: ClosureKind.Confirmed } closure)
        {
            Assert.NotNull(closure.Rating);
        }

        Assert.InRange(state.ExtensionWorkingDays, 0, 30);
        Assert.True(state.ImproperReturns <= state.Returns);
        Assert.True(state.Status is not (TicketStatus.New or TicketStatus.Submitted or TicketStatus.Closed) || !TicketDecider.Timers(state).Any(),
            $"A {state.Status} ticket holds timers");
        Assert.All(TicketDecider.Timers(state), timer => Assert.True(timer.DueAt > state.SubmittedAt));
    }
}
