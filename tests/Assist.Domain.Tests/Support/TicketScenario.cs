using Assist.Domain.Common;
using Assist.Domain.Tickets;

namespace Assist.Domain.Tests.Support;

/// <summary>A ticket driven through the decider the way the app will: decide, then fold the events.</summary>
public sealed class TicketScenario
{
    /// <summary>Monday 2026-03-02 10:00 in Beijing: a plain working week with no holiday near.</summary>
    public static readonly DateTimeOffset Monday = TestData.Beijing(2026, 3, 2, 10);

    public TicketScenario(DecisionContext? context = null)
    {
        Context = context ?? TestData.Context;
    }

    /// <summary>What decisions consult; a test may change it between commands (an administrator loaded a calendar year).</summary>
    public DecisionContext Context { get; set; }

    public TicketState State { get; private set; } = TicketState.Initial;

    public List<TicketEvent> Events { get; } = [];

    public Decision Decide(TicketCommand command, DateTimeOffset now) => TicketDecider.Decide(State, command, now, Context);

    /// <summary>
    /// Runs a command that must be accepted and returns its events. A submission is followed, at the same instant, by
    /// routing by the rules, as the ticket orchestration's first activity does; its events are returned with it.
    /// </summary>
    public IReadOnlyList<TicketEvent> Given(TicketCommand command, DateTimeOffset now)
    {
        var events = Apply(command, now);
        return command is SubmitTicket ? [.. events, .. Apply(new RouteByRules(Actor.System), now)] : events;
    }

    private ValueList<TicketEvent> Apply(TicketCommand command, DateTimeOffset now)
    {
        var decision = Decide(command, now);
        Assert.True(decision.IsAccepted, $"{command.GetType().Name} rejected: {decision.Rejection?.Code} {decision.Rejection?.Reason}");
        foreach (var @event in decision.Events)
        {
            State = TicketDecider.Evolve(State, @event);
            Events.Add(@event);
        }

        return decision.Events;
    }

    public static TicketScenario InStatus(TicketStatus status, DecisionContext? context = null)
    {
        var scenario = new TicketScenario(context);
        var at = Monday;
        switch (status)
        {
            case TicketStatus.New:
                break;
            case TicketStatus.Submitted:
                scenario.Given(Submit(topic: "OTHER"), at);
                break;
            case TicketStatus.Routed:
                scenario.Given(Submit(), at);
                break;
            case TicketStatus.InProgress:
                scenario.Given(Submit(), at).SignInLead(scenario, at);
                break;
            case TicketStatus.AwaitingInformation:
                scenario.Given(Submit(), at).SignInLead(scenario, at);
                scenario.Given(new RequestInformation(Officer, "请提供贷款合同"), at.AddHours(1));
                break;
            case TicketStatus.Replied:
                scenario.Given(Submit(), at).SignInLead(scenario, at);
                scenario.CoHandlerContributes(at.AddHours(1));
                scenario.Given(new Reply(Officer, "已协调银行办理续贷", Resolved: true), at.AddHours(2));
                break;
            case TicketStatus.ReturnRequested:
                scenario.Given(Submit(), at);
                scenario.Given(new ReturnTicket(Officer, "属于税务事项"), at.AddHours(1));
                break;
            case TicketStatus.Closed:
                scenario.Given(Submit(), at).SignInLead(scenario, at);
                scenario.CoHandlerContributes(at.AddHours(1));
                scenario.Given(new Reply(Officer, "已协调银行办理续贷", Resolved: true), at.AddHours(2));
                scenario.Given(new Confirm(TestData.Enterprise, SatisfactionRating.Satisfied, null), at.AddHours(3));
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(status));
        }

        Assert.Equal(status, scenario.State.Status);
        return scenario;
    }

    public static readonly Actor Officer = Actor.Staff(TestData.FinanceOfficerA);

    /// <summary>The co-handler's (税务局, 协办) officer.</summary>
    public static readonly Actor CoHandlerOfficer = Actor.Staff(TestData.TaxOfficer);

    /// <summary>The co-handler signs in and submits its contribution (协办意见), so the lead may reply.</summary>
    public void CoHandlerContributes(DateTimeOffset at)
    {
        Given(new CheckIn(CoHandlerOfficer, TestData.Tax), at);
        Given(new SubmitContribution(CoHandlerOfficer, TestData.Tax, "已核实企业纳税信用等级为A级"), at.AddMinutes(5));
    }

    public static SubmitTicket Submit(string topic = "FINANCE", string type = "Help", bool urgent = false) =>
        new(TestData.Enterprise, "t-1", "QY-2026-000001", TestData.Form(topic, type, urgent));

    public static ValueList<string> None => ValueList.Empty<string>();
}

internal static class ScenarioExtensions
{
    public static void SignInLead(this IReadOnlyList<TicketEvent> _, TicketScenario scenario, DateTimeOffset at) =>
        scenario.Given(new CheckIn(TicketScenario.Officer, TestData.Finance), at.AddMinutes(30));
}
