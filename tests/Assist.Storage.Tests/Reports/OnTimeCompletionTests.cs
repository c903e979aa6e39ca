using Assist.Domain.Common;
using Assist.Domain.Scoring;
using Assist.Domain.Tickets;
using Assist.Storage.Reports;
using Assist.Storage.Tests.Workflow;
using Assist.Tests;

namespace Assist.Storage.Tests.Reports;

/// <summary>
/// 按时办结率 and 解决率 as a department head would recount them (PRODUCT.md, Measures), through the engine and the
/// live projection on Azurite: by deadline, with accepted answers only, carried while open and overdue.
/// </summary>
[Collection(UsesAzurite.Name)]
public sealed class OnTimeCompletionTests(AzuriteFixture fixture)
{
    private static readonly TimeSpan China = TimeSpan.FromHours(8);

    [Fact]
    public async Task GetScorecardAsync_ReplyRejectedThenLeftOverdueAndEscalated_NeverOnTimeAndNoResolution()
    {
        using var harness = await WorkflowHarness.StartAsync(fixture);
        var reports = new ReportService(harness.Storage, harness.Directory);
        var ticket = await harness.SubmitAsync();
        var officer = Actor.Staff(ticket.State.OfficerId!);
        await harness.DoAsync(ticket.Number, new CheckIn(officer, "finance"));
        await harness.DoAsync(ticket.Number, new Reply(officer, "已协调", Resolved: true));
        await harness.AdvanceToAsync(new DateTimeOffset(2026, 2, 25, 10, 0, 0, China));
        var rejected = await harness.DoAsync(ticket.Number, new RejectReply(Actor.Enterprise, "问题未解决"));
        Assert.Equal(3, rejected.Ticket.State.Clock!.Due.DueDate.Month);

        // The ledger's own 按时办结 agrees: a rejected reply is not an answer (it said "on time" from the reply's flag).
        var line = (await reports.QueryLedgerAsync(new LedgerQuery(ReportPeriod.Month(2026, 2)), 50)).Items.Single(l => l.Number == ticket.Number);
        Assert.Null(line.CompletedOnTime);

        // Nobody answers again: red card, then HQ escalation at 10 working days overdue.
        await harness.AdvanceToAsync(new DateTimeOffset(2026, 4, 15, 10, 0, 0, China));

        foreach (var period in new[] { ReportPeriod.Month(2026, 2), ReportPeriod.Month(2026, 3), ReportPeriod.Month(2026, 4), ReportPeriod.OfQuarter(2026, 1) })
        {
            var finance = Line(await reports.GetScorecardAsync(period), "finance");
            Assert.NotEqual(1m, finance.Score.Rates[Metric.OnTimeCompletion]);
            Assert.Null(finance.Score.Rates[Metric.Resolution]);
        }

        // Due in March by the clock the rejection restarted; still open and overdue at the end of April (carried).
        Assert.Null(Line(await reports.GetScorecardAsync(ReportPeriod.Month(2026, 2)), "finance").Score.Rates[Metric.OnTimeCompletion]);
        foreach (var period in new[] { ReportPeriod.Month(2026, 3), ReportPeriod.Month(2026, 4), ReportPeriod.OfQuarter(2026, 1), ReportPeriod.OfQuarter(2026, 2) })
        {
            var finance = Line(await reports.GetScorecardAsync(period), "finance");
            Assert.Equal((1, 0, 0m), (finance.Counts.CompletionsDue, finance.Counts.CompletedOnTime, finance.Score.Rates[Metric.OnTimeCompletion]));
        }
    }

    [Fact]
    public async Task GetScorecardAsync_TicketOverdueThroughJanuaryAndFebruary_CountsInEachMonthAndOnceInTheQuarter()
    {
        using var harness = await WorkflowHarness.StartAsync(fixture, new DateTimeOffset(2026, 1, 20, 10, 0, 0, China));
        var reports = new ReportService(harness.Storage, harness.Directory);
        var ticket = await harness.SubmitAsync();
        Assert.Equal(1, ticket.State.Clock!.Due.DueDate.Month);
        var officer = Actor.Staff(ticket.State.OfficerId!);
        await harness.DoAsync(ticket.Number, new CheckIn(officer, "finance"));

        await harness.AdvanceToAsync(new DateTimeOffset(2026, 3, 10, 10, 0, 0, China));
        await harness.DoAsync(ticket.Number, new Reply(officer, "已办结", Resolved: true));
        await harness.AdvanceToAsync(new DateTimeOffset(2026, 3, 11, 10, 0, 0, China));
        await harness.DoAsync(ticket.Number, new Confirm(Actor.Enterprise, SatisfactionRating.Satisfied, null));

        var january = Line(await reports.GetScorecardAsync(ReportPeriod.Month(2026, 1)), "finance");
        var february = Line(await reports.GetScorecardAsync(ReportPeriod.Month(2026, 2)), "finance");
        var march = Line(await reports.GetScorecardAsync(ReportPeriod.Month(2026, 3)), "finance");
        var quarter = Line(await reports.GetScorecardAsync(ReportPeriod.OfQuarter(2026, 1)), "finance");

        Assert.Equal(0m, january.Score.Rates[Metric.OnTimeCompletion]);
        Assert.Equal(0m, february.Score.Rates[Metric.OnTimeCompletion]);
        Assert.Null(march.Score.Rates[Metric.OnTimeCompletion]);
        Assert.Equal(0m, quarter.Score.Rates[Metric.OnTimeCompletion]);
        Assert.Equal((1, 1, 0, 1), (january.Counts.CompletionsDue, february.Counts.CompletionsDue, march.Counts.CompletionsDue, quarter.Counts.CompletionsDue));
        Assert.Equal((1, 1), (march.Counts.Answered, march.Counts.Resolved));
    }

    [Fact]
    public async Task GetScorecardAsync_ExtensionMovesDeadlineIntoMarch_TicketLeavesFebruaryForMarch()
    {
        using var harness = await WorkflowHarness.StartAsync(fixture);
        var reports = new ReportService(harness.Storage, harness.Directory);
        var ticket = await harness.SubmitAsync();
        Assert.Equal(new DateOnly(2026, 2, 28), ticket.State.Clock!.Due.DueDate);
        var officer = Actor.Staff(ticket.State.OfficerId!);
        await harness.DoAsync(ticket.Number, new CheckIn(officer, "finance"));
        await harness.AdvanceToAsync(new DateTimeOffset(2026, 2, 25, 10, 0, 0, China));
        await harness.DoAsync(ticket.Number, new RequestExtension(officer, 3, "需等待银行贷审会"));
        Assert.Equal(1, Line(await reports.GetScorecardAsync(ReportPeriod.Month(2026, 2)), "finance").Counts.CompletionsDue);

        var extended = await harness.DoAsync(ticket.Number, new DecideExtension(Actor.Staff("supervisor.2"), true, "同意延期", null));
        Assert.Equal(3, extended.Ticket.State.Clock!.Due.DueDate.Month);
        await harness.AdvanceToAsync(new DateTimeOffset(2026, 3, 3, 10, 0, 0, China));
        await harness.DoAsync(ticket.Number, new Reply(officer, "贷款已发放", Resolved: true));
        await harness.DoAsync(ticket.Number, new Confirm(Actor.Enterprise, SatisfactionRating.VerySatisfied, null));

        var february = Line(await reports.GetScorecardAsync(ReportPeriod.Month(2026, 2)), "finance");
        var march = Line(await reports.GetScorecardAsync(ReportPeriod.Month(2026, 3)), "finance");
        Assert.Equal((0, (decimal?)null), (february.Counts.CompletionsDue, february.Score.Rates[Metric.OnTimeCompletion]));
        Assert.Equal((1, 1, (decimal?)1m), (march.Counts.CompletionsDue, march.Counts.CompletedOnTime, march.Score.Rates[Metric.OnTimeCompletion]));
    }

    [Fact]
    public async Task GetScorecardAsync_PauseCreditMovesDeadlineIntoMarch_TicketLeavesFebruaryForMarch()
    {
        using var harness = await WorkflowHarness.StartAsync(fixture);
        var reports = new ReportService(harness.Storage, harness.Directory);
        var ticket = await harness.SubmitAsync();
        var officer = Actor.Staff(ticket.State.OfficerId!);
        await harness.DoAsync(ticket.Number, new CheckIn(officer, "finance"));
        await harness.AdvanceToAsync(new DateTimeOffset(2026, 2, 25, 10, 0, 0, China));
        await harness.DoAsync(ticket.Number, new RequestInformation(officer, "请补充贷款合同"));
        await harness.AdvanceToAsync(new DateTimeOffset(2026, 2, 27, 10, 0, 0, China));
        var resumed = await harness.DoAsync(ticket.Number, new ProvideInformation(Actor.Enterprise, "已上传", ValueList.Empty<AttachmentRef>()));
        Assert.Equal(3, resumed.Ticket.State.Clock!.Due.DueDate.Month);

        var february = Line(await reports.GetScorecardAsync(ReportPeriod.Month(2026, 2)), "finance");
        var march = Line(await reports.GetScorecardAsync(ReportPeriod.Month(2026, 3)), "finance");
        Assert.Equal((0, 1, 0), (february.Counts.CompletionsDue, march.Counts.CompletionsDue, march.Counts.CompletedOnTime));
    }

    private static ScorecardLine Line(ScorecardReport report, string department) => report.Lines.Single(l => l.DepartmentId == department);
}
