using Assist.Domain.Scoring;
using Assist.Functions.Resources;

namespace Assist.Functions.Components.Reports;

/// <summary>The report pages' texts, both languages side by side like <see cref="UiText"/>, which picks by the page culture.</summary>
public static class ReportText
{
    public static string Reports => UiText.Pick("统计报表", "Reports");
    public static string Ledger => UiText.Pick("诉求台账", "Ledger");
    public static string Scorecard => UiText.Pick("部门考核", "Department scorecard");
    public static string Medals => UiText.Pick("季度奖牌榜", "Quarterly medal table");
    public static string Bulletin => UiText.Pick("月度通报", "Monthly bulletin");
    public static string Charts => UiText.Pick("图表", "Charts");
    public static string Period => UiText.Pick("统计期", "Period");
    public static string PeriodHint => UiText.Pick("月份如 2026-03，季度如 2026-Q1", "A month like 2026-03 or a quarter like 2026-Q1");
    public static string Quarter => UiText.Pick("季度", "Quarter");
    public static string Month => UiText.Pick("月份", "Month");
    public static string Show => UiText.Pick("查询", "Show");
    public static string Print => UiText.Pick("打印", "Print");
    public static string Department => UiText.Pick("部门", "Department");
    public static string AllDepartments => UiText.Pick("全部部门", "All departments");
    public static string Topic => UiText.Pick("诉求类别", "Topic");
    public static string AllTopics => UiText.Pick("全部类别", "All topics");
    public static string Status => UiText.Pick("状态", "Status");
    public static string AllStatuses => UiText.Pick("全部状态", "All statuses");
    public static string Overdue => UiText.Pick("超期", "Overdue");
    public static string Any => UiText.Pick("不限", "Any");
    public static string Yes => UiText.Pick("是", "Yes");
    public static string No => UiText.Pick("否", "No");
    public static string Enterprise => UiText.Pick("企业（名称的一部分或统一社会信用代码）", "Enterprise (part of the name, or credit code)");
    public static string Officer => UiText.Pick("承办人", "Officer");
    public static string AllOfficers => UiText.Pick("全部承办人", "All officers");
    public static string ExportCsv => UiText.Pick("导出 CSV", "Export CSV");
    public static string ExportXlsx => UiText.Pick("导出 Excel", "Export Excel");
    public static string NextPage => UiText.Pick("下一页", "Next page");
    public static string FirstPage => UiText.Pick("回到第一页", "First page");
    public static string NoLines => UiText.Pick("没有符合条件的工单。", "No tickets match.");
    public static string Number => UiText.Pick("工单编号", "Ticket");
    public static string Received => UiText.Pick("受理时间", "Received");
    public static string Title => UiText.Pick("诉求标题", "Title");
    public static string EnterpriseName => UiText.Pick("企业", "Enterprise");
    public static string Confidential => UiText.Pick("（保密）", "(confidential)");
    public static string ConfidentialRequest => UiText.Pick("（保密诉求）", "(confidential request)");
    public static string LeadDepartment => UiText.Pick("主办部门", "Lead department");
    public static string Due => UiText.Pick("办理期限", "Due");
    public static string Rating => UiText.Pick("满意度", "Satisfaction");
    public static string WentOverdue => UiText.Pick("曾超期", "Went overdue");
    public static string Rank => UiText.Pick("名次", "Rank");
    public static string Score => UiText.Pick("得分", "Score");
    public static string TimelySignIn => UiText.Pick("及时签收率", "Signed in on time");
    public static string Response => UiText.Pick("响应率", "Response rate");
    public static string OnTime => UiText.Pick("按时办结率", "Completed on time");
    public static string Resolution => UiText.Pick("解决率", "Resolution rate");
    public static string Satisfaction => UiText.Pick("满意率", "Satisfaction rate");
    public static string OverdueCount => UiText.Pick("超期件数", "Overdue");
    public static string Returns => UiText.Pick("退单（不当）", "Returns (improper)");
    public static string Extensions => UiText.Pick("延期", "Extensions");
    public static string DaysToReply => UiText.Pick("平均答复（工作日）", "Avg. working days to reply");
    public static string DaysToClose => UiText.Pick("平均办结（工作日）", "Avg. working days to close");
    public static string BottomUnits => UiText.Pick("末位单位", "Bottom units");
    public static string BottomMark => UiText.Pick("末位", "bottom");
    public static string NotRanked => UiText.Pick("无件不排名", "not ranked (no tickets)");
    public static string NotRankedNote => UiText.Pick(
        "无办理件的指标记“—”，不计入得分；没有任何适用指标的部门不参与排名（无件不排名），列于最后。",
        "A metric with no tickets behind it shows “—” and is left out of the score; a department with no applicable metric is not ranked (no tickets) and is listed last.");
    public static string WeightsNote(IEnumerable<MetricWeight> weights) => UiText.Pick(
        "权重与底线：" + string.Join("；", weights.Select(w => $"{MetricName(w.Metric)} {w.Weight:0.##}（低于 {w.Floor:P0} 记 0 分）")) + "。响应率只列示，不计分。",
        "Weights and floors: " + string.Join("; ", weights.Select(w => $"{MetricName(w.Metric)} {w.Weight:0.##} (below {w.Floor:P0} scores 0)")) + ". The response rate is shown, not scored.");
    public static string Gold => UiText.Pick("金牌", "Gold");
    public static string Silver => UiText.Pick("银牌", "Silver");
    public static string Bronze => UiText.Pick("铜牌", "Bronze");
    public static string Total => UiText.Pick("合计", "Total");
    public static string MedalsNote => UiText.Pick("评出单项及全能冠、亚、季军；并列者同享奖牌，其后名次顺延；低于底线的指标不授牌，无件不排名的部门不参评全能。", "Gold, silver and bronze for each metric and overall; ties share a medal and the next place is skipped; no medal for a rate below its floor, and no overall medal for a department not ranked (no tickets).");
    public static string NoData => UiText.Pick("本期暂无数据。", "No data for this period.");
    public static string BulletinHeading(ReportPeriod period) => UiText.Pick(
        $"{period.Year}年{period.FirstMonth}月企业诉求办理情况通报",
        $"Enterprise requests: bulletin for {new DateTime(period.Year, period.FirstMonth, 1, 0, 0, 0, DateTimeKind.Unspecified):MMMM yyyy}");
    public static string BulletinSummary(long received, long closed, int redCards) => UiText.Pick(
        $"本月受理企业诉求 {received} 件，办结 {closed} 件；亮红牌 {redCards} 件。",
        $"This month {received} requests were received and {closed} closed; {redCards} red cards were raised.");
    public static string RedCards => UiText.Pick("红牌督办工单", "Red-card tickets");
    public static string NoRedCards => UiText.Pick("本月无红牌工单。", "No red cards this month.");
    public static string CommonIssues => UiText.Pick("本月归并的共性问题", "Common issues grouped this month");
    public static string NoCommonIssues => UiText.Pick("本月无新归并的共性问题。", "No common issues were grouped this month.");
    public static string CommonIssueTitle => UiText.Pick("共性问题", "Common issue");
    public static string CommonIssueLead => UiText.Pick("牵头部门", "Lead department");
    public static string CommonIssueMembers => UiText.Pick("涉及工单", "Tickets");
    public static string CommonIssueOpen => UiText.Pick("未办结", "Open");
    public static string CommonIssueAnswered => UiText.Pick("已答复", "Answered");
    public static string DaysOverdue => UiText.Pick("超期工作日", "Working days overdue");
    public static string RedCardAt => UiText.Pick("亮牌时间", "Red card");
    public static string Ranking => UiText.Pick("部门排名", "Ranking");
    public static string BulletinNote => UiText.Pick("本通报不含企业联系方式；保密诉求不列企业名称与标题。", "This bulletin holds no contact details; confidential requests show neither enterprise nor title.");

    public static string MetricName(Metric metric) => metric switch
    {
        Metric.TimelySignIn => TimelySignIn,
        Metric.OnTimeCompletion => OnTime,
        Metric.Resolution => Resolution,
        Metric.Satisfaction => Satisfaction,
        _ => metric.ToString(),
    };

    public static string Category(MedalCategory category) => category switch
    {
        MedalCategory.Overall => UiText.Pick("全能", "Overall"),
        MedalCategory.TimelySignIn => TimelySignIn,
        MedalCategory.Response => Response,
        MedalCategory.OnTimeCompletion => OnTime,
        MedalCategory.Resolution => Resolution,
        MedalCategory.Satisfaction => Satisfaction,
        _ => category.ToString(),
    };

    public static string MedalName(Medal medal) => medal switch
    {
        Medal.Gold => Gold,
        Medal.Silver => Silver,
        _ => Bronze,
    };

    public static string Rate(decimal? rate) => rate is { } r ? (r * 100).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) + "%" : "—";

    /// <summary>A score with two decimals, or "—" when the department is not ranked.</summary>
    public static string ScoreText(decimal? score) => score is { } s ? s.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture) : "—";

    /// <summary>A place, or "—" when the department is not ranked.</summary>
    public static string RankText(int? rank) => rank is { } r ? r.ToString(System.Globalization.CultureInfo.InvariantCulture) : "—";

    public static string Days(decimal? days) => days is { } d ? d.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture) : "—";
}
