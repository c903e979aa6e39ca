using Assist.Domain.Common;
using Assist.Domain.Tests.Support;
using Assist.Domain.Tickets;
using static Assist.Domain.Tests.Support.TestData;

namespace Assist.Domain.Tests.Tickets;

/// <summary>What HQ leaders (指挥部领导) do after 提级: 批示 that the lead department acknowledges, supervision orders, 改派.</summary>
public sealed class HqLeaderDecisionTests
{
    private static readonly DateTimeOffset Monday = TicketScenario.Monday;
    private static readonly Actor Leader = Actor.Staff(HqLeader);
    private static readonly Actor SupervisorActor = Actor.Staff(Supervisor);

    private static TicketScenario Escalated(TicketStatus status = TicketStatus.InProgress)
    {
        var scenario = TicketScenario.InStatus(status);
        scenario.Given(new EscalateTicket(SupervisorActor, "涉及多部门"), Monday.AddHours(1));
        return scenario;
    }

    [Fact]
    public void Decide_InstructionOnEscalatedTicket_LeadHeadsAndOfficerToldWhenTheLadderWould()
    {
        var scenario = Escalated();

        var given = Assert.IsType<HqInstructionGiven>(Assert.Single(scenario.Given(new GiveInstruction(Leader, "PS-01", "三日内拿出方案"), Monday.AddMinutes(90))));

        Assert.Equal((Finance, "三日内拿出方案"), (given.DepartmentId, given.Text));
        Assert.Equal([FinanceHead, FinanceOfficerA], given.Recipients);
        Assert.Equal(Monday.AddMinutes(90), given.NotifyAt);
        Assert.Equal((HqLeader, (DateTimeOffset?)null), (scenario.State.Instructions.Single().GivenBy, scenario.State.Instructions.Single().AcknowledgedAt));
    }

    [Fact]
    public void Decide_InstructionAtNight_HeldUntilOfficeHours()
    {
        var scenario = Escalated();
        var evening = Monday.AddHours(10);

        var given = Assert.IsType<HqInstructionGiven>(scenario.Given(new GiveInstruction(Leader, "PS-01", "明早调度"), evening).Single());

        Assert.Equal(scenario.Context.Calendar.NextWorkingInstant(evening), given.NotifyAt);
    }

    [Fact]
    public void Decide_InstructionOnTicketNotEscalated_RefusedByState()
    {
        var rejection = TicketScenario.InStatus(TicketStatus.InProgress).Decide(new GiveInstruction(Leader, "PS-01", "请办理"), Monday).Rejection;

        Assert.Equal(RejectionCodes.NotEscalatedToHq, rejection?.Code);
        Assert.Contains("escalated to HQ", rejection!.Reason, StringComparison.Ordinal);
        Assert.Contains("提级", rejection.ReasonZh, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Supervisor)]
    [InlineData(FinanceHead)]
    [InlineData(FinanceOfficerA)]
    public void Decide_InstructionByOtherThanHqLeader_NotAuthorized(string userId)
    {
        var rejection = Escalated().Decide(new GiveInstruction(Actor.Staff(userId), "PS-01", "请办理"), Monday.AddHours(2)).Rejection;

        Assert.Equal(RejectionCodes.NotAuthorized, rejection?.Code);
        Assert.Contains("HQ leader", rejection!.Reason, StringComparison.Ordinal);
        Assert.Contains("指挥部领导", rejection.ReasonZh, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Decide_EmptyInstruction_Invalid(string text)
    {
        var rejection = Escalated().Decide(new GiveInstruction(Leader, "PS-01", text), Monday.AddHours(2)).Rejection;

        Assert.Equal(RejectionCodes.InvalidArgument, rejection?.Code);
        Assert.Contains("批示内容", rejection!.ReasonZh, StringComparison.Ordinal);
    }

    [Fact]
    public void Decide_SameInstructionIdTwice_Refused()
    {
        var scenario = Escalated();
        scenario.Given(new GiveInstruction(Leader, "PS-01", "请办理"), Monday.AddHours(2));

        Assert.Equal(RejectionCodes.DuplicateInstruction, scenario.Decide(new GiveInstruction(Leader, "PS-01", "再次"), Monday.AddHours(3)).Rejection?.Code);
    }

    [Theory]
    [InlineData(FinanceHead)]
    [InlineData(FinanceOfficerA)]
    public void Decide_AcknowledgeByLeadHeadOrOfficer_EveryPendingInstructionAcknowledged(string userId)
    {
        var scenario = Escalated();
        scenario.Given(new GiveInstruction(Leader, "PS-01", "请办理"), Monday.AddHours(2));
        scenario.Given(new GiveInstruction(Leader, "PS-02", "加快进度"), Monday.AddHours(3));

        var acknowledged = Assert.IsType<HqInstructionAcknowledged>(Assert.Single(scenario.Given(new AcknowledgeInstruction(Actor.Staff(userId), "已签收"), Monday.AddHours(4))));

        Assert.Equal(["PS-01", "PS-02"], acknowledged.InstructionIds);
        Assert.All(scenario.State.Instructions, i => Assert.Equal((Monday.AddHours(4), userId), (i.AcknowledgedAt, i.AcknowledgedBy)));
        Assert.Equal(RejectionCodes.NoPendingInstruction, scenario.Decide(new AcknowledgeInstruction(Actor.Staff(userId), null), Monday.AddHours(5)).Rejection?.Code);
    }

    [Fact]
    public void Decide_AcknowledgeWithNothingGiven_NothingToAcknowledge()
    {
        var rejection = Escalated().Decide(new AcknowledgeInstruction(TicketScenario.Officer, null), Monday.AddHours(2)).Rejection;

        Assert.Equal(RejectionCodes.NoPendingInstruction, rejection?.Code);
        Assert.Contains("批示", rejection!.ReasonZh, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(FinanceOfficerB)]
    [InlineData(TaxHead)]
    [InlineData(Supervisor)]
    [InlineData(HqLeader)]
    public void Decide_AcknowledgeByOthers_NotAuthorized(string userId)
    {
        var scenario = Escalated();
        scenario.Given(new GiveInstruction(Leader, "PS-01", "请办理"), Monday.AddHours(2));

        Assert.Equal(RejectionCodes.NotAuthorized, scenario.Decide(new AcknowledgeInstruction(Actor.Staff(userId), null), Monday.AddHours(3)).Rejection?.Code);
    }

    [Fact]
    public void Decide_SupervisionOrderByHqLeader_OnlyAfterEscalation()
    {
        var order = new IssueSupervisionOrder(Leader, "DB-01", null, "本周内办结", 3);

        Assert.Equal(RejectionCodes.NotEscalatedToHq, TicketScenario.InStatus(TicketStatus.InProgress).Decide(order, Monday).Rejection?.Code);
        var issued = Assert.IsType<SupervisionOrderIssued>(Assert.Single(Escalated().Given(order, Monday.AddHours(2))));
        Assert.Equal([FinanceHead, FinanceOfficerA], issued.Recipients);
        Assert.Equal(RejectionCodes.NotAuthorized, Escalated().Decide(order with { By = Actor.Staff(FinanceHead) }, Monday.AddHours(2)).Rejection?.Code);
    }

    [Theory]
    [InlineData(HqLeader)]
    [InlineData(Supervisor)]
    public void Decide_ReRouteEscalatedTicket_NewRoundWithNewClock(string userId)
    {
        var scenario = Escalated();
        var before = scenario.State;

        var events = scenario.Given(new RouteTicket(Actor.Staff(userId), Tax, ValueList.Of(Finance)), Monday.AddHours(2));

        var routed = Assert.IsType<TicketRouted>(events[0]);
        Assert.Equal((Tax, before.RouteCount + 1, (string?)null), (routed.LeadDepartmentId, routed.Round, routed.RuleId));
        Assert.Equal(Monday.AddHours(2), routed.Clock.StartedAt);
        Assert.Equal(TicketStatus.Routed, scenario.State.Status);
        Assert.Equal(TaxOfficer, scenario.State.OfficerId);
        Assert.True(scenario.State.EscalatedToHq);
    }

    [Fact]
    public void Decide_ReRouteNotEscalated_RefusedByState()
    {
        var rejection = TicketScenario.InStatus(TicketStatus.InProgress).Decide(new RouteTicket(Leader, Tax, ValueList.Empty<string>()), Monday).Rejection;

        Assert.Equal(RejectionCodes.NotEscalatedToHq, rejection?.Code);
        Assert.Contains("提级", rejection!.ReasonZh, StringComparison.Ordinal);
    }

    [Fact]
    public void Decide_ReRouteEscalatedByHqOffice_NotAuthorized()
    {
        Assert.Equal(RejectionCodes.NotAuthorized, Escalated().Decide(new RouteTicket(Actor.Staff(HqClerk), Tax, ValueList.Empty<string>()), Monday.AddHours(2)).Rejection?.Code);
    }

    [Fact]
    public void Decide_ReRouteToTheSameDepartments_Invalid()
    {
        var scenario = Escalated();

        Assert.Equal(RejectionCodes.InvalidArgument, scenario.Decide(new RouteTicket(Leader, Finance, ValueList.Of(Tax)), Monday.AddHours(2)).Rejection?.Code);
    }

    [Fact]
    public void Decide_ReRouteWhileAwaitingInformation_RefusedByState()
    {
        var rejection = Escalated(TicketStatus.AwaitingInformation).Decide(new RouteTicket(Leader, Tax, ValueList.Empty<string>()), Monday.AddHours(2)).Rejection;

        Assert.Equal(RejectionCodes.NotAllowedInStatus, rejection?.Code);
    }
}
