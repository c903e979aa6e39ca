using Assist.Domain.Common;
using Assist.Domain.Tickets;
using static Assist.Domain.Tests.Support.TestData;

namespace Assist.Domain.Tests.Support;

/// <summary>One ticket through every path, producing every event type at least once.</summary>
public static class FullLifecycle
{
    public static TicketScenario Run()
    {
        var s = new TicketScenario();
        var officer = Actor.Staff(TaxOfficer);
        var supervisor = Actor.Staff(Supervisor);
        // No rule routes this topic: the HQ office is asked, and a supervisor routes it as the finance rule would.
        s.Given(TicketScenario.Submit(topic: "OTHER"), Beijing(2026, 3, 2, 9));
        s.Given(new RouteTicket(supervisor, Finance, ValueList.Of(Tax)), Beijing(2026, 3, 2, 9, 30));
        s.Given(new ReturnTicket(TicketScenario.Officer, "属于税务事项"), Beijing(2026, 3, 2, 10));
        s.Given(new DecideReturn(supervisor, true, "同意退单", Tax, ValueList.Of(Finance)), Beijing(2026, 3, 2, 11));
        s.Given(new ReturnTicket(officer, "不属于本局"), Beijing(2026, 3, 2, 14));
        s.Given(new DecideReturn(supervisor, false, "属于税务局职责", null, null), Beijing(2026, 3, 2, 15));
        s.Given(new CheckIn(officer, Tax), Beijing(2026, 3, 2, 16));
        s.Given(new JoinCommonIssue(supervisor, "GX-20260302-AB12CD", Tax), Beijing(2026, 3, 2, 16, 30));
        s.Given(new RecordContact(officer, "电话联系企业"), Beijing(2026, 3, 3, 9));
        s.Given(new RecordProgress(Actor.Staff(FinanceOfficerA), "协办意见：可申请贴息"), Beijing(2026, 3, 3, 10));
        s.Given(new CheckIn(Actor.Staff(FinanceOfficerA), Finance), Beijing(2026, 3, 3, 10, 15));
        s.Given(new SubmitContribution(Actor.Staff(FinanceOfficerA), Finance, "可申请续贷贴息"), Beijing(2026, 3, 3, 10, 30));
        s.Given(new RequestInformation(officer, "请提供近三年纳税证明"), Beijing(2026, 3, 3, 11));
        s.Given(new ProvideInformation(Enterprise, "已上传", ValueList.Of(new AttachmentRef("b-1", "纳税证明.pdf", 1024, "application/pdf", new string('a', 64)))), Beijing(2026, 3, 4, 11));
        s.Given(new RequestExtension(officer, 5, "需省局审批"), Beijing(2026, 3, 5, 9));
        s.Given(new DecideExtension(supervisor, true, "同意", 3), Beijing(2026, 3, 5, 10));
        s.Given(new RequestExtension(officer, 5, "仍需审批"), Beijing(2026, 3, 5, 11));
        s.Given(new DecideExtension(supervisor, false, "不同意", null), Beijing(2026, 3, 5, 14));
        s.Given(new IssueSupervisionOrder(supervisor, "DB-7", null, "加快办理", 2), Beijing(2026, 3, 5, 15));
        s.Given(new EscalateTicket(supervisor, "涉及跨部门协调"), Beijing(2026, 3, 5, 16));
        s.Given(new GiveInstruction(Actor.Staff(HqLeader), "PS-01", "请税务局牵头，三日内拿出方案"), Beijing(2026, 3, 5, 16, 30));
        s.Given(new AcknowledgeInstruction(officer, "已签收，按批示落实"), Beijing(2026, 3, 5, 17));
        var blue = TicketDecider.Timers(s.State).Single(t => t.Kind == TimerKind.BlueReminder);
        s.Given(new TimerElapsed(Actor.System, blue.Kind, blue.DueAt), blue.DueAt);
        s.Given(new Reply(officer, "已办理完毕", true), Beijing(2026, 3, 16, 10));
        s.Given(new RejectReply(Enterprise, "未完全解决"), Beijing(2026, 3, 16, 15));
        s.Given(new Reply(officer, "已补充办理", true), Beijing(2026, 3, 17, 10));
        s.Given(new Confirm(Enterprise, SatisfactionRating.VerySatisfied, "非常感谢"), Beijing(2026, 3, 17, 15));
        return s;
    }
}
