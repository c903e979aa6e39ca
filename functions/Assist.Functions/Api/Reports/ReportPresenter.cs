using Assist.Domain.Scoring;
using Assist.Storage.Directory;
using Assist.Storage.Reports;

namespace Assist.Functions.Api.Reports;

/// <summary>Turns reports into what the API answers and the pages show: ids joined with the directory's names.</summary>
public static class ReportPresenter
{
    public static string DepartmentName(DirectorySnapshot directory, string? id)
    {
        ArgumentNullException.ThrowIfNull(directory);
        return id is null ? "" : directory.Organization.Departments.FirstOrDefault(d => d.Id == id)?.Name ?? id;
    }

    public static string OfficerName(DirectorySnapshot directory, string? id)
    {
        ArgumentNullException.ThrowIfNull(directory);
        return id is null ? "" : directory.Organization.Staff.FirstOrDefault(u => u.Id == id)?.Name ?? id;
    }

    public static ScorecardView Scorecard(ScorecardReport report, DirectorySnapshot directory)
    {
        ArgumentNullException.ThrowIfNull(report);
        var lines = report.Lines.Select(l => Line(l, directory)).ToList();
        return new ScorecardView(report.Period.ToString(), [.. report.Weights.Metrics], report.BottomCount, lines, [.. lines.Where(l => l.Bottom)]);
    }

    public static ScorecardLineView Line(ScorecardLine line, DirectorySnapshot directory)
    {
        ArgumentNullException.ThrowIfNull(line);
        var rates = line.Score.Rates;
        return new ScorecardLineView(
            line.Rank,
            line.DepartmentId,
            DepartmentName(directory, line.DepartmentId),
            line.Score.Score,
            rates.GetValueOrDefault(Metric.TimelySignIn),
            line.ResponseRate,
            rates.GetValueOrDefault(Metric.OnTimeCompletion),
            rates.GetValueOrDefault(Metric.Resolution),
            rates.GetValueOrDefault(Metric.Satisfaction),
            line.AverageWorkingDaysToReply,
            line.AverageWorkingDaysToClose,
            line.Counts.SignInsDue,
            line.Counts.Replied,
            line.Counts.CompletionsDue,
            line.Counts.Answered,
            line.Counts.Rated,
            line.Counts.Unrated,
            line.Counts.Overdue,
            line.Counts.Returns,
            line.Counts.ImproperReturns,
            line.Counts.Extensions,
            line.Bottom,
            line.Ranked);
    }

    public static MedalTableView Medals(MedalReport report, DirectorySnapshot directory)
    {
        ArgumentNullException.ThrowIfNull(report);
        return new MedalTableView(
            report.Period.ToString(),
            [.. report.Medals.Tally.Select(t => new MedalTallyView(t.Rank, t.DepartmentId, DepartmentName(directory, t.DepartmentId), t.Gold, t.Silver, t.Bronze, t.Total))],
            [.. report.Medals.Awards.Select(a => new MedalAwardView(a.Category, a.Medal, a.DepartmentId, DepartmentName(directory, a.DepartmentId), a.Value))]);
    }

    /// <summary>The common issues grouped in <paramref name="month"/> (China time), most members first, counted from their members as they stand.</summary>
    public static IReadOnlyList<CommonIssueCountView> CommonIssues(IEnumerable<Assist.Storage.CommonIssues.CommonIssueWithMembers> issues, ReportPeriod month, DirectorySnapshot directory)
    {
        ArgumentNullException.ThrowIfNull(issues);
        ArgumentNullException.ThrowIfNull(month);
        ArgumentNullException.ThrowIfNull(directory);
        return [.. issues
            .Where(i => month.Contains(DateOnly.FromDateTime(i.Issue.CreatedAt.ToOffset(directory.Calendar.UtcOffset).DateTime)))
            .OrderByDescending(i => i.Members.Count)
            .ThenBy(i => i.Issue.CreatedAt)
            .Select(i => new CommonIssueCountView(
                i.Issue.Id,
                i.Issue.Title,
                i.Issue.LeadDepartmentId,
                DepartmentName(directory, i.Issue.LeadDepartmentId),
                i.Members.Count,
                i.OpenMembers,
                i.Members.Count(m => m.State.Status is Assist.Domain.Tickets.TicketStatus.Replied or Assist.Domain.Tickets.TicketStatus.Closed)))];
    }

    public static BulletinView Bulletin(Bulletin bulletin, DirectorySnapshot directory, bool chinese, IReadOnlyList<CommonIssueCountView>? commonIssues = null)
    {
        ArgumentNullException.ThrowIfNull(bulletin);
        var confidentialTitle = chinese ? "（保密诉求）" : "(confidential request)";
        return new BulletinView(
            bulletin.Period.ToString(),
            bulletin.Received,
            bulletin.Closed,
            [.. bulletin.RedCards.Select(r => new RedCardView(
                r.Number,
                r.At,
                r.DueAt,
                r.WorkingDaysOverdue,
                r.Confidential ? confidentialTitle : r.Title,
                r.Topic,
                r.Confidential,
                r.Confidential ? null : r.EnterpriseName,
                r.DepartmentId,
                DepartmentName(directory, r.DepartmentId),
                OfficerName(directory, r.OfficerId)))],
            Scorecard(bulletin.Scorecard, directory),
            commonIssues ?? []);
    }
}
