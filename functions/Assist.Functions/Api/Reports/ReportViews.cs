using Assist.Domain.Scoring;
using Assist.Storage.Reports;

namespace Assist.Functions.Api.Reports;

/// <summary>
/// A department's scorecard line: rates are 0–1 (null when not applicable: no ticket behind them), averages in
/// working days. <see cref="Rank"/> and <see cref="Score"/> are null when the department is not ranked
/// (<see cref="Ranked"/> false, 无件不排名: no weighted metric applies).
/// </summary>
public sealed record ScorecardLineView(
    int? Rank,
    string DepartmentId,
    string DepartmentName,
    decimal? Score,
    decimal? TimelySignInRate,
    decimal? ResponseRate,
    decimal? OnTimeCompletionRate,
    decimal? ResolutionRate,
    decimal? SatisfactionRate,
    decimal? AverageWorkingDaysToReply,
    decimal? AverageWorkingDaysToClose,
    int SignInsDue,
    int Replied,
    int CompletionsDue,
    int Answered,
    int Rated,
    int Unrated,
    int Overdue,
    int Returns,
    int ImproperReturns,
    int Extensions,
    bool Bottom,
    bool Ranked);

public sealed record ScorecardView(string Period, IReadOnlyList<MetricWeight> Weights, int BottomCount, IReadOnlyList<ScorecardLineView> Lines, IReadOnlyList<ScorecardLineView> Bottom);

public sealed record MedalAwardView(MedalCategory Category, Medal Medal, string DepartmentId, string DepartmentName, decimal Value);

public sealed record MedalTallyView(int Rank, string DepartmentId, string DepartmentName, int Gold, int Silver, int Bronze, int Total);

public sealed record MedalTableView(string Period, IReadOnlyList<MedalTallyView> Tally, IReadOnlyList<MedalAwardView> Awards);

/// <summary>A red card of the 通报. A confidential ticket shows neither its enterprise nor its title (which the enterprise wrote).</summary>
public sealed record RedCardView(
    string Number,
    DateTimeOffset At,
    DateTimeOffset DueAt,
    int WorkingDaysOverdue,
    string Title,
    string Topic,
    bool Confidential,
    string? EnterpriseName,
    string? DepartmentId,
    string DepartmentName,
    string OfficerName);

/// <summary>The monthly 通报; <see cref="CommonIssues"/> are the common issues (共性问题) grouped in the month, with their members.</summary>
public sealed record BulletinView(string Period, long Received, long Closed, IReadOnlyList<RedCardView> RedCards, ScorecardView Scorecard, IReadOnlyList<CommonIssueCountView>? CommonIssues = null);

/// <summary>A common issue as the bulletin counts it: its members, how many are still open and how many were answered.</summary>
public sealed record CommonIssueCountView(string Id, string Title, string LeadDepartmentId, string? LeadDepartmentName, int Members, int OpenMembers, int Answered);

public sealed record LedgerPageView(IReadOnlyList<LedgerLine> Items, string? ContinuationToken);
