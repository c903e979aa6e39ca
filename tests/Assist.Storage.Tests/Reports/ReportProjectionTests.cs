using System.Text.Json;
using Assist.Domain.Scoring;
using Assist.Domain.Tickets;
using Assist.Storage.Reports;
using Assist.Storage.Tests.Workflow;
using Assist.Tests;

namespace Assist.Storage.Tests.Reports;

[Collection(UsesAzurite.Name)]
public sealed class ReportProjectionTests(AzuriteFixture fixture)
{
    private static readonly ReportPeriod Q1 = ReportPeriod.OfQuarter(2026, 1);

    [Fact]
    public async Task GetScorecardAsync_QuarterOfGeneratedTickets_EqualsAScorecardOfARecountFromTheEvents()
    {
        var data = await ReportDataset.GetAsync(fixture);
        var recount = EventRecount.Of(data.Tickets, data.Directory.Calendar);

        foreach (var period in new[] { Q1, ReportPeriod.Month(2026, 2), ReportPeriod.Month(2026, 4) })
        {
            var actual = await data.Reports.GetScorecardAsync(period, 3);
            var expected = Scorecard.Build(recount.CountsIn(period), recount.TimesIn(period), data.Directory.Weights, 3, data.Directory.Calendar.Hours.DayLength);
            Assert.Equal(Shape(expected), Shape(actual.Lines));
        }

        // The generated quarter exercises every counter, so equality above means something.
        var quarter = recount.CountsIn(Q1).Values.Aggregate((a, b) => a.Add(b with { DepartmentId = a.DepartmentId }));
        Assert.True(quarter.Overdue > 0 && quarter.Returns > 0 && quarter.ImproperReturns > 0 && quarter.Extensions > 0 && quarter.Unrated > 0 && quarter.Rated > 0, quarter.ToString());
        var times = recount.TimesIn(Q1).Values.Aggregate((a, b) => a.Add(b with { DepartmentId = a.DepartmentId }));
        Assert.True(times.Responded > 0 && times.ReplyWorkingMinutes > 0 && times.CloseWorkingMinutes > 0, times.ToString());
    }

    [Fact]
    public async Task GetScorecardAsync_StoredLiveProjection_EqualsThePureTotalsTheRecountPropertyChecks()
    {
        // RecountProperties holds the pure totals (ReportTotals) to an independent recount; this holds what the live
        // projector stored on Azurite to the same totals, for the generated quarter and the months around it.
        var data = await ReportDataset.GetAsync(fixture);
        var totals = new ReportTotals();
        foreach (var ticket in data.Tickets)
        {
            totals.AddTicket(ticket.Events, data.Directory.Calendar);
        }

        var periods = Enumerable.Range(1, 4).Select(m => ReportPeriod.Month(2026, m)).Append(Q1).Append(ReportPeriod.OfQuarter(2026, 2));
        foreach (var period in periods)
        {
            var pure = totals.Scorecard(period, data.Directory.Weights, 3, data.Directory.Calendar.Hours.DayLength);
            Assert.Equal(Shape(pure.Lines), Shape((await data.Reports.GetScorecardAsync(period, 3)).Lines));
            if (period.IsQuarter)
            {
                var medals = await data.Reports.GetMedalTableAsync(period);
                Assert.Equal(MedalTable.From(pure.Lines, pure.Weights).Awards, medals.Medals.Awards);
            }
            else
            {
                var bulletin = await data.Reports.GetBulletinAsync(period, 3);
                Assert.Equal(pure.Bottom.Select(l => l.DepartmentId), bulletin.Scorecard.Bottom.Select(l => l.DepartmentId));
            }
        }
    }

    [Fact]
    public async Task GetMedalTableAsync_Quarter_MedalsFollowTheScorecardWithTiesSharing()
    {
        var data = await ReportDataset.GetAsync(fixture);

        var report = await data.Reports.GetMedalTableAsync(Q1);

        var overall = report.Medals.In(MedalCategory.Overall);
        Assert.Equal(Medal.Gold, overall[0].Medal);
        Assert.Equal(report.Scorecard.Lines[0].Score.Score, overall[0].Value);
        Assert.Equal(report.Medals.Awards.Count, report.Medals.Tally.Sum(t => t.Total));
        foreach (var award in report.Medals.Awards.Where(a => a.Category == MedalCategory.Overall))
        {
            Assert.Equal((int)award.Medal, report.Scorecard.Lines.Single(l => l.DepartmentId == award.DepartmentId).Rank);
        }
    }

    [Theory]
    [InlineData("none")]
    [InlineData("department")]
    [InlineData("topic")]
    [InlineData("status")]
    [InlineData("overdue")]
    [InlineData("not-overdue+department")]
    [InlineData("officer")]
    [InlineData("officer+topic")]
    [InlineData("enterprise-code")]
    [InlineData("enterprise-name+status")]
    [InlineData("enterprise-part")]
    [InlineData("enterprise-part+officer")]
    [InlineData("department+status+overdue")]
    public async Task QueryLedgerAsync_Filter_PagesThroughExactlyTheMatchingTicketsInOrderOfReceipt(string filter)
    {
        var data = await ReportDataset.GetAsync(fixture);
        var sample = data.Tickets[17].State;
        var query = new LedgerQuery(Q1);
        Func<GeneratedTicket, bool> match = _ => true;
        foreach (var part in filter.Split('+'))
        {
            var previous = match;
            (query, match) = part switch
            {
                "none" => (query, previous),
                "department" => (query with { DepartmentId = sample.LeadDepartmentId }, t => previous(t) && t.State.Departments.Any(d => d.DepartmentId == sample.LeadDepartmentId)),
                "topic" => (query with { Topic = sample.Submission!.Topic }, t => previous(t) && t.State.Submission!.Topic == sample.Submission!.Topic),
                "status" => (query with { Status = TicketStatus.Closed }, t => previous(t) && t.State.Status == TicketStatus.Closed),
                "overdue" => (query with { Overdue = true }, t => previous(t) && WentOverdue(t)),
                "not-overdue" => (query with { Overdue = false }, t => previous(t) && !WentOverdue(t)),
                "officer" => (query with { OfficerId = sample.OfficerId }, t => previous(t) && t.State.OfficerId == sample.OfficerId),
                "enterprise-code" => (query with { Enterprise = sample.Submission!.Enterprise.CreditCode }, t => previous(t) && t.State.Submission!.Enterprise.CreditCode == sample.Submission!.Enterprise.CreditCode),
                // A name is matched as a part of the name, in any case: the whole name finds every name containing it.
                "enterprise-name" => (query with { Enterprise = sample.Submission!.Enterprise.Name }, t => previous(t) && t.State.Submission!.Enterprise.Name.Contains(sample.Submission!.Enterprise.Name, StringComparison.OrdinalIgnoreCase)),
                "enterprise-part" => (query with { Enterprise = sample.Submission!.Enterprise.Name[2..^2] }, t => previous(t) && t.State.Submission!.Enterprise.Name.Contains(sample.Submission!.Enterprise.Name[2..^2], StringComparison.OrdinalIgnoreCase)),
                _ => throw new ArgumentOutOfRangeException(nameof(filter)),
            };
        }

        var expected = data.Tickets.Where(match)
            .OrderBy(t => t.State.SubmittedAt!.Value.ToOffset(TimeSpan.FromHours(8)).ToString("yyyyMMdd-HHmmss", System.Globalization.CultureInfo.InvariantCulture), StringComparer.Ordinal)
            .ThenBy(t => t.State.TicketNumber, StringComparer.Ordinal)
            .Select(t => t.State.TicketNumber)
            .ToList();
        var actual = new List<string>();
        string? token = null;
        var pages = 0;
        do
        {
            var page = await data.Reports.QueryLedgerAsync(query, 37, token);
            Assert.True(page.Items.Count <= 37);
            actual.AddRange(page.Items.Select(l => l.Number));
            token = page.ContinuationToken;
            Assert.True(++pages < 100, "paging does not end");
        }
        while (token is not null);

        Assert.NotEmpty(expected);
        Assert.Equal(expected, actual);
    }

    [Fact]
    public async Task QueryLedgerAsync_CallerMayNotSeeConfidentialEnterprises_NeitherShowsNorFindsThem()
    {
        var data = await ReportDataset.GetAsync(fixture);
        var secret = data.Tickets.First(t => t.State.Submission!.Confidential).State;
        var code = secret.Submission!.Enterprise.CreditCode;

        var all = await AllAsync(data.Reports, new LedgerQuery(Q1) { HideConfidentialEnterprises = true });
        var byCode = await AllAsync(data.Reports, new LedgerQuery(Q1) { HideConfidentialEnterprises = true, Enterprise = code });
        var overseer = await AllAsync(data.Reports, new LedgerQuery(Q1) { Enterprise = code });
        var byNamePart = await AllAsync(data.Reports, new LedgerQuery(Q1) { HideConfidentialEnterprises = true, Enterprise = secret.Submission.Enterprise.Name[1..^1] });
        var overseerByNamePart = await AllAsync(data.Reports, new LedgerQuery(Q1) { Enterprise = secret.Submission.Enterprise.Name[1..^1] });

        Assert.All(all.Where(l => l.Confidential), l => Assert.True(l.EnterpriseName is null && l.CreditCode is null));
        Assert.Contains(all, l => l.Number == secret.TicketNumber);
        Assert.DoesNotContain(byCode, l => l.Number == secret.TicketNumber);
        Assert.Contains(overseer, l => l.Number == secret.TicketNumber && l.EnterpriseName == secret.Submission.Enterprise.Name);
        Assert.DoesNotContain(byNamePart, l => l.Number == secret.TicketNumber);
        Assert.Contains(overseerByNamePart, l => l.Number == secret.TicketNumber);
    }

    [Fact]
    public async Task QueryLedgerAsync_ForeignContinuationToken_IsRefused()
    {
        var data = await ReportDataset.GetAsync(fixture);

        await Assert.ThrowsAsync<ArgumentException>(() => data.Reports.QueryLedgerAsync(new LedgerQuery(Q1), 10, "bm90IG91cnM"));
    }

    [Fact]
    public async Task GetBacklogAsync_Quarter_FollowsTheTicketsOpenedAndClosedEachDay()
    {
        var data = await ReportDataset.GetAsync(fixture);
        var recount = EventRecount.Of(data.Tickets, data.Directory.Calendar);

        var backlog = await data.Reports.GetBacklogAsync(ReportPeriod.Month(2026, 3));

        Assert.Equal(31, backlog.Count);
        var open = recount.Flow.Where(f => f.Key < new DateOnly(2026, 3, 1)).Sum(f => f.Value.Opened - f.Value.Closed);
        foreach (var point in backlog)
        {
            var (opened, closed) = recount.Flow.GetValueOrDefault(point.Date);
            open += opened - closed;
            Assert.Equal((point.Date, opened, closed, open), (point.Date, point.Opened, point.Closed, point.Open));
        }

        Assert.Contains(backlog, p => p.Closed > 0);
    }

    [Fact]
    public async Task GetBulletinAsync_Month_ListsTheRedCardsWithoutMobilesOrConfidentialNames()
    {
        var data = await ReportDataset.GetAsync(fixture);
        var recount = EventRecount.Of(data.Tickets, data.Directory.Calendar);
        var confidentialNames = data.Tickets.Where(t => t.State.Submission!.Confidential).Select(t => t.State.Submission!.Enterprise.Name)
            .Except(data.Tickets.Where(t => !t.State.Submission!.Confidential).Select(t => t.State.Submission!.Enterprise.Name))
            .ToList();

        foreach (var month in new[] { ReportPeriod.Month(2026, 2), ReportPeriod.Month(2026, 3) })
        {
            var bulletin = await data.Reports.GetBulletinAsync(month, 3);

            var expected = recount.RedCards.Where(r => r.Month == month.ToString()).Select(r => (r.Number, r.Department)).Order().ToList();
            Assert.NotEmpty(expected);
            Assert.Equal(expected, bulletin.RedCards.Select(r => (r.Number, r.DepartmentId!)).Order().ToList());
            Assert.NotEmpty(bulletin.Scorecard.Bottom);
            var json = JsonSerializer.Serialize(bulletin);
            Assert.DoesNotContain(TicketHistoryGenerator.Mobile, json, StringComparison.Ordinal);
            Assert.All(bulletin.RedCards.Where(r => r.Confidential), r => Assert.Null(r.EnterpriseName));
            Assert.All(confidentialNames, name => Assert.DoesNotContain(name, json, StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task LoadAsync_SameTicketsInBulk_GivesTheSameScorecardAndLedgerAsTheLiveProjection()
    {
        var data = await ReportDataset.GetAsync(fixture);
        using var bulk = await WorkflowHarness.StartAsync(fixture, ReportDataset.Horizon);
        var loader = new ReportBulkLoader(bulk.Storage);
        var service = new ReportService(bulk.Storage, bulk.Directory);

        var tickets = data.Tickets.Select(t => (ReportDataset.Record(t), t.Events)).ToList();
        await loader.LoadAsync("load-1", tickets, data.Directory.Calendar);
        await loader.LoadAsync("load-1", tickets, data.Directory.Calendar);

        foreach (var period in new[] { Q1, ReportPeriod.Month(2026, 3), ReportPeriod.Month(2026, 4), ReportPeriod.OfQuarter(2026, 2) })
        {
            Assert.Equal(Shape((await data.Reports.GetScorecardAsync(period)).Lines), Shape((await service.GetScorecardAsync(period)).Lines));
        }

        var query = new LedgerQuery(Q1) { Status = TicketStatus.Closed, Overdue = true };
        Assert.Equal(await AllAsync(data.Reports, query), await AllAsync(service, query));
        Assert.Equal(await data.Reports.GetBacklogAsync(Q1), await service.GetBacklogAsync(Q1));
        Assert.Equal(
            (await data.Reports.GetBulletinAsync(ReportPeriod.Month(2026, 3))).RedCards,
            (await service.GetBulletinAsync(ReportPeriod.Month(2026, 3))).RedCards);
    }

    internal static async Task<List<LedgerLine>> AllAsync(ReportService reports, LedgerQuery query)
    {
        var lines = new List<LedgerLine>();
        await foreach (var line in reports.StreamLedgerAsync(query))
        {
            lines.Add(line);
        }

        return lines;
    }

    private static bool WentOverdue(GeneratedTicket ticket) => ticket.Events.Any(e =>
        e is EscalationRaised { Rung: EscalationRung.YellowCard or EscalationRung.RedCard } or TicketReplied { OnTime: false });

    private static List<string> Shape(IEnumerable<ScorecardLine> lines) =>
        [.. lines.Select(l => $"{l.Rank} {l.DepartmentId} {l.Score.Score} {l.Counts} {l.Times} {l.ResponseRate} {l.AverageWorkingDaysToReply} {l.AverageWorkingDaysToClose} {l.Bottom} "
            + string.Join(',', l.Score.Rates.OrderBy(r => r.Key).Select(r => r.Value)))];
}
