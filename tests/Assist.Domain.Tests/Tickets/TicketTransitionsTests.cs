using Assist.Domain.Common;
using Assist.Domain.Tests.Support;
using Assist.Domain.Tickets;

namespace Assist.Domain.Tests.Tickets;

/// <summary>The lifecycle as a table: every (status, command) pair, accepted or refused with a readable reason.</summary>
public sealed class TicketTransitionsTests
{
    private static readonly Dictionary<string, TicketStatus[]> Allowed = new()
    {
        [nameof(SubmitTicket)] = [TicketStatus.New],
        [nameof(RouteTicket)] = [TicketStatus.Submitted, TicketStatus.Routed, TicketStatus.InProgress],
        [nameof(RouteByRules)] = Enum.GetValues<TicketStatus>(),
        [nameof(AssignOfficer)] = [TicketStatus.Routed, TicketStatus.InProgress, TicketStatus.AwaitingInformation],
        [nameof(ReassignOfficer)] = [TicketStatus.Routed, TicketStatus.InProgress, TicketStatus.AwaitingInformation],
        [nameof(CheckIn)] = [TicketStatus.Routed, TicketStatus.InProgress, TicketStatus.AwaitingInformation],
        [nameof(RecordContact)] = [TicketStatus.InProgress, TicketStatus.AwaitingInformation],
        [nameof(RecordProgress)] = [TicketStatus.InProgress, TicketStatus.AwaitingInformation],
        [nameof(JoinCommonIssue)] = [TicketStatus.Submitted, TicketStatus.Routed, TicketStatus.InProgress, TicketStatus.AwaitingInformation, TicketStatus.ReturnRequested],
        [nameof(SubmitContribution)] = [TicketStatus.Routed, TicketStatus.InProgress, TicketStatus.AwaitingInformation],
        [nameof(RequestInformation)] = [TicketStatus.InProgress],
        [nameof(ProvideInformation)] = [TicketStatus.AwaitingInformation],
        [nameof(Reply)] = [TicketStatus.InProgress],
        [nameof(Confirm)] = [TicketStatus.Replied],
        [nameof(RejectReply)] = [TicketStatus.Replied],
        [nameof(ReturnTicket)] = [TicketStatus.Routed, TicketStatus.InProgress],
        [nameof(DecideReturn)] = [TicketStatus.ReturnRequested],
        [nameof(RequestExtension)] = [TicketStatus.InProgress],
        [nameof(DecideExtension)] = [TicketStatus.InProgress, TicketStatus.AwaitingInformation],
        [nameof(EscalateTicket)] = [TicketStatus.Routed, TicketStatus.InProgress, TicketStatus.AwaitingInformation, TicketStatus.ReturnRequested],
        [nameof(IssueSupervisionOrder)] = [TicketStatus.Routed, TicketStatus.InProgress, TicketStatus.AwaitingInformation],
        [nameof(GiveInstruction)] = [TicketStatus.Routed, TicketStatus.InProgress, TicketStatus.AwaitingInformation, TicketStatus.ReturnRequested],
        [nameof(AcknowledgeInstruction)] = [TicketStatus.Routed, TicketStatus.InProgress, TicketStatus.AwaitingInformation, TicketStatus.ReturnRequested, TicketStatus.Replied],
        [nameof(TimerElapsed)] = Enum.GetValues<TicketStatus>(),
        [nameof(RecomputeDeadlines)] = Enum.GetValues<TicketStatus>(),
    };

    public static TheoryData<TicketStatus, string, bool> Rows()
    {
        var rows = new TheoryData<TicketStatus, string, bool>();
        foreach (var status in Enum.GetValues<TicketStatus>())
        {
            foreach (var (command, statuses) in Allowed)
            {
                rows.Add(status, command, statuses.Contains(status));
            }
        }

        return rows;
    }

    [Theory]
    [MemberData(nameof(Rows))]
    public void Decide_CommandInStatus_AcceptedOnlyWhereTheTableAllows(TicketStatus status, string commandName, bool allowed)
    {
        var scenario = TicketScenario.InStatus(status);
        var command = Sample(commandName);

        var decision = scenario.Decide(command, TicketScenario.Monday.AddHours(4));

        Assert.Equal(allowed, TicketTransitions.Allows(status, command));
        if (allowed)
        {
            Assert.NotEqual(RejectionCodes.NotAllowedInStatus, decision.Rejection?.Code);
        }
        else
        {
            Assert.Equal(RejectionCodes.NotAllowedInStatus, decision.Rejection?.Code);
            Assert.Contains(status.ToString(), decision.Rejection!.Reason, StringComparison.Ordinal);
            Assert.Contains(TicketTransitions.NameZh(status), decision.Rejection.ReasonZh, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Rows_CoverEveryCommandType()
    {
        var commandTypes = typeof(TicketCommand).Assembly.GetTypes()
            .Where(t => t.IsSubclassOf(typeof(TicketCommand)) && !t.IsAbstract)
            .Select(t => t.Name);

        Assert.Equal(commandTypes.Order(StringComparer.Ordinal), Allowed.Keys.Order(StringComparer.Ordinal));
    }

    private static TicketCommand Sample(string name)
    {
        var officer = TicketScenario.Officer;
        var supervisor = Actor.Staff(TestData.Supervisor);
        return name switch
        {
            nameof(SubmitTicket) => TicketScenario.Submit(),
            nameof(RouteTicket) => new RouteTicket(Actor.Staff(TestData.HqClerk), TestData.Finance, ValueList.Of(TestData.Tax)),
            nameof(RouteByRules) => new RouteByRules(Actor.System),
            nameof(AssignOfficer) => new AssignOfficer(Actor.Staff(TestData.FinanceHead), null),
            nameof(ReassignOfficer) => new ReassignOfficer(Actor.Staff(TestData.FinanceHead), TestData.FinanceOfficerB, "工作调整"),
            nameof(CheckIn) => new CheckIn(Actor.Staff(TestData.TaxOfficer), TestData.Tax),
            nameof(RecordContact) => new RecordContact(officer, "电话联系企业财务负责人"),
            nameof(RecordProgress) => new RecordProgress(officer, "已与银行沟通"),
            nameof(JoinCommonIssue) => new JoinCommonIssue(supervisor, "GX-20260302-AB12CD", TestData.Land),
            nameof(SubmitContribution) => new SubmitContribution(TicketScenario.CoHandlerOfficer, TestData.Tax, "已核实企业纳税信用等级为A级"),
            nameof(RequestInformation) => new RequestInformation(officer, "请提供贷款合同"),
            nameof(ProvideInformation) => new ProvideInformation(TestData.Enterprise, "合同已上传", ValueList.Empty<AttachmentRef>()),
            nameof(Reply) => new Reply(officer, "已协调银行办理续贷", Resolved: true),
            nameof(Confirm) => new Confirm(TestData.Enterprise, SatisfactionRating.VerySatisfied, "感谢"),
            nameof(RejectReply) => new RejectReply(TestData.Enterprise, "问题没有解决"),
            nameof(ReturnTicket) => new ReturnTicket(officer, "属于税务事项"),
            nameof(DecideReturn) => new DecideReturn(supervisor, Accept: false, "属于本部门职责", null, null),
            nameof(RequestExtension) => new RequestExtension(officer, 5, "需银行总行审批"),
            nameof(DecideExtension) => new DecideExtension(supervisor, Approve: true, "同意", null),
            nameof(EscalateTicket) => new EscalateTicket(supervisor, "涉及多部门，提级协调"),
            nameof(IssueSupervisionOrder) => new IssueSupervisionOrder(supervisor, "DB-1", null, "三日内答复", 3),
            nameof(GiveInstruction) => new GiveInstruction(Actor.Staff(TestData.HqLeader), "PS-01", "请牵头协调"),
            nameof(AcknowledgeInstruction) => new AcknowledgeInstruction(officer, null),
            nameof(TimerElapsed) => new TimerElapsed(Actor.System, TimerKind.YellowCard, TicketScenario.Monday),
            nameof(RecomputeDeadlines) => new RecomputeDeadlines(Actor.System),
            _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
        };
    }
}
