using Assist.Domain.Scoring;
using Assist.Domain.Tickets;
using Assist.Storage.Reports;
using Assist.Storage.Tests.Workflow;
using Assist.Tests;

namespace Assist.Storage.Tests.Reports;

[Collection(UsesAzurite.Name)]
public sealed class LedgerLiveTests(AzuriteFixture fixture)
{
    [Fact]
    public async Task QueryLedgerAsync_TicketsThroughTheEngine_LinesFollowTheirStatusAndSurviveARebuild()
    {
        using var harness = await WorkflowHarness.StartAsync(fixture);
        var reports = new ReportService(harness.Storage, harness.Directory);
        var month = new LedgerQuery(ReportPeriod.Month(2026, 2));
        var closed = await harness.SubmitAsync(WorkflowHarness.Form(confidential: true));
        var open = await harness.SubmitAsync(WorkflowHarness.Form(topic: "TAX"));
        var officer = Actor.Staff(closed.State.OfficerId!);
        await harness.DoAsync(closed.Number, new CheckIn(officer, closed.State.LeadDepartmentId!));
        await harness.DoAsync(closed.Number, new Reply(officer, "已办理", true));
        await harness.DoAsync(closed.Number, new Confirm(Actor.Enterprise, SatisfactionRating.Satisfied, null));

        async Task<List<string>> NumbersAsync(LedgerQuery query) => [.. (await reports.QueryLedgerAsync(query, 50)).Items.Select(l => $"{l.Number} {l.Status} {l.Rating} {l.EnterpriseName}")];
        var before = (
            All: await NumbersAsync(month),
            Routed: await NumbersAsync(month with { Status = TicketStatus.Routed }),
            Closed: await NumbersAsync(month with { Status = TicketStatus.Closed }));

        Assert.Equal([$"{open.Number} Routed  深圳市示例科技有限公司"], before.Routed);
        Assert.Equal([$"{closed.Number} Closed Satisfied 深圳市示例科技有限公司"], before.Closed);
        Assert.Equal(2, before.All.Count);

        await harness.Service.RebuildProjectionsAsync();

        Assert.Equal(before.All, await NumbersAsync(month));
        Assert.Equal(before.Routed, await NumbersAsync(month with { Status = TicketStatus.Routed }));
        Assert.Equal(before.Closed, await NumbersAsync(month with { Status = TicketStatus.Closed }));
        Assert.Empty(await NumbersAsync(month with { Status = TicketStatus.InProgress }));
        var scorecard = await reports.GetScorecardAsync(ReportPeriod.Month(2026, 2));
        var finance = scorecard.Lines.Single(l => l.DepartmentId == closed.State.LeadDepartmentId);
        Assert.Equal((1L, 1L, 1L), (finance.Times.SignedIn, finance.Times.Responded, finance.Times.Closes));
    }
}
