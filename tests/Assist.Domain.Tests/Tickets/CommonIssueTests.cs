using Assist.Domain.CommonIssues;
using Assist.Domain.Tests.Support;
using Assist.Domain.Tickets;
using static Assist.Domain.Tests.Support.TestData;
using static Assist.Domain.Tests.Support.TicketScenario;

namespace Assist.Domain.Tests.Tickets;

/// <summary>共性问题: which tickets are suggested together, and a member ticket joining and getting the coordinated answer.</summary>
public sealed class CommonIssueTests
{
    private const string Issue = "GX-20260302-AB12CD";
    private static readonly Actor Supervising = Actor.Staff(Supervisor);
    private static readonly DateTimeOffset March = Beijing(2026, 3, 2, 10);

    [Theory]
    [InlineData("流动资金贷款审批迟迟没有结果", "流动资金贷款审批迟迟没有结果", 1.0)]
    [InlineData("流动资金贷款审批迟迟没有结果", "流动资金贷款审批一直没有结果！", 0.6)]
    [InlineData("流动资金贷款审批迟迟没有结果", "厂区周边道路积水严重", 0.0)]
    [InlineData("Working capital loan approval stuck", "working-capital LOAN approval is stuck", 0.8)]
    public void TitleSimilarity_SharedCharacterPairs(string a, string b, double atLeast)
    {
        var similarity = CommonIssueCandidates.TitleSimilarity(a, b);

        Assert.InRange(similarity, atLeast, 1.0);
        Assert.Equal(similarity, CommonIssueCandidates.TitleSimilarity(b, a), 10);
        if (atLeast == 0)
        {
            Assert.Equal(0, similarity);
        }
    }

    [Fact]
    public void Like_OnlyOpenUngroupedSameTopicAndDistrictWithinTheWindow()
    {
        var target = Ticket("T0", "园区用电报装排队三个月未接电");
        var others = new[]
        {
            Ticket("T1", "园区用电报装排队两个月仍未接电"),
            Ticket("T2", "园区用电报装排队未接电", district: "南山区"),
            Ticket("T3", "园区用电报装排队三个月未接电", topic: "LAND"),
            Ticket("T4", "园区用电报装排队三个月未接电", open: false),
            Ticket("T5", "园区用电报装排队三个月未接电", commonIssue: "GX-1"),
            Ticket("T6", "园区用电报装排队三个月未接电", receivedAt: March.AddDays(45)),
            Ticket("T7", "企业开办流程繁琐"),
            Ticket("T8", "园区用电报装三个月未接电"),
        };

        var like = CommonIssueCandidates.Like(target, others);

        Assert.Equal(["T8", "T1"], like.Select(c => c.Ticket.Number));
        Assert.True(like[0].Similarity >= like[1].Similarity);
    }

    [Fact]
    public void Groups_LargestFirstEachTicketOnce()
    {
        var tickets = new[]
        {
            Ticket("A1", "园区用电报装排队三个月未接电"),
            Ticket("B1", "增值税留抵退税迟迟未到账", topic: "TAX"),
            Ticket("A2", "园区用电报装排队两个月仍未接电"),
            Ticket("B2", "增值税留抵退税一直未到账", topic: "TAX"),
            Ticket("A3", "园区用电报装排队未接电"),
            Ticket("C1", "企业开办流程繁琐"),
        };

        var groups = CommonIssueCandidates.Groups(tickets);

        Assert.Equal([["A1", "A2", "A3"], ["B1", "B2"]], groups.Select(g => g.Select(t => t.Number).Order(StringComparer.Ordinal).ToArray()));
    }

    [Fact]
    public void Join_BySupervisor_RecordedAndIdempotent()
    {
        var scenario = InStatus(TicketStatus.InProgress);

        var joined = Assert.IsType<CommonIssueJoined>(Assert.Single(scenario.Given(new JoinCommonIssue(Supervising, Issue, Land), March.AddHours(1))));

        Assert.Equal((Issue, Land), (joined.CommonIssueId, joined.LeadDepartmentId));
        Assert.Equal((Issue, Land), (scenario.State.CommonIssueId, scenario.State.CommonIssueLeadDepartmentId));
        // The ticket keeps its own lead and clock.
        Assert.Equal(Finance, scenario.State.LeadDepartmentId);
        Assert.Empty(scenario.Decide(new JoinCommonIssue(Supervising, Issue, Land), March.AddHours(2)).Events);
        Assert.Equal(RejectionCodes.InAnotherCommonIssue, scenario.Decide(new JoinCommonIssue(Supervising, "GX-OTHER", Land), March.AddHours(2)).Rejection?.Code);
    }

    [Theory]
    [InlineData(FinanceHead, Land, RejectionCodes.NotAuthorized)]
    [InlineData(Supervisor, "dept-nowhere", RejectionCodes.UnknownDepartment)]
    public void Join_Refused(string by, string lead, string code)
    {
        Assert.Equal(code, InStatus(TicketStatus.InProgress).Decide(new JoinCommonIssue(Actor.Staff(by), Issue, lead), March.AddHours(1)).Rejection?.Code);
    }

    [Fact]
    public void Reply_CoordinatedAnswerByTheIssuesLead_RepliesForItAndNamesTheIssue()
    {
        var scenario = InStatus(TicketStatus.InProgress);
        scenario.CoHandlerContributes(March.AddHours(1));
        scenario.Given(new JoinCommonIssue(Supervising, Issue, Land), March.AddHours(1));

        var replied = Assert.IsType<TicketReplied>(Assert.Single(scenario.Given(new Reply(Actor.Staff(LandOfficer), "统一协调：已开通绿色通道", true, Issue), March.AddHours(2))));

        Assert.Equal((Land, Issue), (replied.DepartmentId, replied.CommonIssueId));
        Assert.Equal(TicketStatus.Replied, scenario.State.Status);
    }

    [Fact]
    public void Reply_CoordinatedAnswer_RefusedToOthersAndForAnotherIssue()
    {
        var scenario = InStatus(TicketStatus.InProgress);
        scenario.Given(new JoinCommonIssue(Supervising, Issue, Land), March.AddHours(1));

        Assert.Equal(RejectionCodes.NotAuthorized, scenario.Decide(new Reply(Actor.Staff(TaxOfficer), "答复", true, Issue), March.AddHours(2)).Rejection?.Code);
        Assert.Equal(RejectionCodes.NotInCommonIssue, scenario.Decide(new Reply(Actor.Staff(LandOfficer), "答复", true, "GX-OTHER"), March.AddHours(2)).Rejection?.Code);
        // Without the issue, the land bureau is no lead of this ticket.
        Assert.Equal(RejectionCodes.NotAuthorized, scenario.Decide(new Reply(Actor.Staff(LandOfficer), "答复", true), March.AddHours(2)).Rejection?.Code);
    }

    private static CandidateTicket Ticket(string number, string title, string topic = "UTILITY", string? district = "福田区", bool open = true, string? commonIssue = null, DateTimeOffset? receivedAt = null) =>
        new(number, title, topic, district, receivedAt ?? March, open, commonIssue);
}
