using System.Globalization;
using Assist.Domain.Scoring;
using Assist.Storage.Reports;

namespace Assist.Functions.Api.Reports;

/// <summary>
/// The report charts as SVG: backlog over time (a line with the daily count), on-time rates by department (paired
/// bars, 及时签收率 and 按时办结率), the satisfaction distribution (bars for the five 好差评 levels and 未评价).
/// Every bar and point carries its number as text; a chart with no data says so in words.
/// </summary>
public static class ReportCharts
{
    private const string Blue = "#1d4ed8";
    private const string Teal = "#0f766e";
    private const string Grid = "#d1d5db";
    private const string Ink = "#111827";

    public static string Backlog(IReadOnlyList<BacklogPoint> points, string period, bool chinese, string id = "backlog")
    {
        ArgumentNullException.ThrowIfNull(points);
        string Pick(string en, string zh) => chinese ? zh : en;
        var title = Pick($"Backlog over time, {period}", $"积压工单走势（{period}）");
        var last = points.Count > 0 ? points[^1] : null;
        var description = last is null
            ? Pick("No data for this period.", "本期暂无数据。")
            : Pick(
                $"Open tickets at the end of each day from {points[0].Date:yyyy-MM-dd} to {last.Date:yyyy-MM-dd}; highest {points.Max(p => p.Open)}, {last.Open} open on the last day.",
                $"{points[0].Date:yyyy-MM-dd} 至 {last.Date:yyyy-MM-dd} 每日末在办工单数；最高 {points.Max(p => p.Open)} 件，末日在办 {last.Open} 件。");
        const int width = 720, height = 300, left = 56, right = 24, top = 40, bottom = 48;
        var chart = new SvgChart(id, width, height, title, description);
        chart.Text(left, 22, title, size: 15, fill: Ink);
        if (last is null)
        {
            chart.Text(width / 2.0, height / 2.0, Pick("No data", "暂无数据"), "middle");
            return chart.ToString();
        }

        var max = Math.Max(1, points.Max(p => p.Open));
        var plotWidth = width - left - right;
        var plotHeight = height - top - bottom;
        double X(int i) => left + (points.Count == 1 ? plotWidth / 2.0 : plotWidth * i / (points.Count - 1.0));
        double Y(long value) => top + plotHeight - plotHeight * value / (double)max;
        foreach (var tick in Ticks(max))
        {
            chart.Line(left, Y(tick), width - right, Y(tick), Grid);
            chart.Text(left - 6, Y(tick) + 4, tick.ToString(CultureInfo.InvariantCulture), "end", cssClass: "tick");
        }

        chart.Polyline(points.Select((p, i) => (X(i), Y(p.Open))), Blue, Pick("Open tickets", "在办工单"));
        var step = Math.Max(1, (int)Math.Ceiling(points.Count / 8.0));
        for (var i = 0; i < points.Count; i++)
        {
            var p = points[i];
            chart.Rect(X(i) - 2.5, Y(p.Open) - 2.5, 5, 5, Blue, Pick($"{p.Date:yyyy-MM-dd}: {p.Open} open, {p.Opened} received, {p.Closed} closed", $"{p.Date:yyyy-MM-dd}：在办 {p.Open} 件，受理 {p.Opened} 件，办结 {p.Closed} 件"), "point");
            if (i % step == 0 || i == points.Count - 1)
            {
                chart.Text(X(i), height - bottom + 18, p.Date.ToString("MM-dd", CultureInfo.InvariantCulture), "middle", cssClass: "date");
            }
        }

        chart.Text(X(points.Count - 1), Y(last.Open) - 8, last.Open.ToString(CultureInfo.InvariantCulture), "end", fill: Blue, cssClass: "value");
        return chart.ToString();
    }

    public static string OnTimeRates(IReadOnlyList<ScorecardLine> lines, Func<string, string> departmentName, string period, bool chinese, string id = "on-time")
    {
        ArgumentNullException.ThrowIfNull(lines);
        ArgumentNullException.ThrowIfNull(departmentName);
        string Pick(string en, string zh) => chinese ? zh : en;
        var title = Pick($"On-time rates by department, {period}", $"各部门及时签收率与按时办结率（{period}）");
        var shown = lines.Where(l => l.Score.Rates.GetValueOrDefault(Metric.TimelySignIn) is not null || l.Score.Rates.GetValueOrDefault(Metric.OnTimeCompletion) is not null).ToList();
        var description = shown.Count == 0
            ? Pick("No data for this period.", "本期暂无数据。")
            : Pick(
                $"Two bars per department: signed in on time and completed on time, in per cent, for {shown.Count} departments in ranking order.",
                $"按排名列出 {shown.Count} 个部门，每个部门两条：及时签收率、按时办结率（百分比）。");
        const int left = 170, right = 70, top = 56, barHeight = 12, rowHeight = 36, width = 720;
        var height = top + Math.Max(1, shown.Count) * rowHeight + 20;
        var chart = new SvgChart(id, width, height, title, description);
        chart.Text(12, 22, title, size: 15, fill: Ink);
        chart.Rect(left, 32, 10, 10, Blue, Pick("Signed in on time", "及时签收率"));
        chart.Text(left + 14, 41, Pick("Signed in on time", "及时签收率"));
        chart.Rect(left + 140, 32, 10, 10, Teal, Pick("Completed on time", "按时办结率"));
        chart.Text(left + 154, 41, Pick("Completed on time", "按时办结率"));
        if (shown.Count == 0)
        {
            chart.Text(width / 2.0, top + 20, Pick("No data", "暂无数据"), "middle");
            return chart.ToString();
        }

        var plotWidth = width - left - right;
        for (var i = 0; i < shown.Count; i++)
        {
            var line = shown[i];
            var y = top + i * rowHeight;
            var name = departmentName(line.DepartmentId);
            chart.Text(left - 8, y + barHeight + 4, name, "end", cssClass: "department");
            Bar(line.Score.Rates.GetValueOrDefault(Metric.TimelySignIn), y, Blue, Pick("signed in on time", "及时签收率"));
            Bar(line.Score.Rates.GetValueOrDefault(Metric.OnTimeCompletion), y + barHeight + 2, Teal, Pick("completed on time", "按时办结率"));

            void Bar(decimal? rate, double top, string colour, string what)
            {
                var text = rate is { } r ? Percent(r) : Pick("n/a", "无");
                chart.Rect(left, top, plotWidth * (double)(rate ?? 0), barHeight, colour, $"{name} {what} {text}", "bar");
                chart.Text(left + plotWidth * (double)(rate ?? 0) + 4, top + barHeight - 2, text, cssClass: "value");
            }
        }

        return chart.ToString();
    }

    public static string Satisfaction(DepartmentCounts total, string period, bool chinese, string id = "satisfaction")
    {
        ArgumentNullException.ThrowIfNull(total);
        string Pick(string en, string zh) => chinese ? zh : en;
        var title = Pick($"Satisfaction, {period}", $"满意度分布（{period}）");
        (string Label, int Count, string Colour)[] bars =
        [
            (Pick("Very satisfied", "非常满意"), total.VerySatisfied, "#15803d"),
            (Pick("Satisfied", "满意"), total.Satisfied, "#4d7c0f"),
            (Pick("Basically satisfied", "基本满意"), total.BasicallySatisfied, "#a16207"),
            (Pick("Dissatisfied", "不满意"), total.Dissatisfied, "#c2410c"),
            (Pick("Very dissatisfied", "非常不满意"), total.VeryDissatisfied, "#b91c1c"),
            (Pick("Not rated", "未评价"), total.Unrated, "#6b7280"),
        ];
        var rated = total.Rated;
        var rate = Scorecard.Rate(total, Metric.Satisfaction);
        var description = rated + total.Unrated == 0
            ? Pick("No data for this period.", "本期暂无数据。")
            : Pick(
                $"{rated} rated tickets, {total.Unrated} not rated; satisfaction rate {(rate is { } r ? Percent(r) : "n/a")} (very satisfied, satisfied and basically satisfied over rated).",
                $"已评价 {rated} 件，未评价 {total.Unrated} 件；满意率 {(rate is { } r2 ? Percent(r2) : "无")}（非常满意、满意、基本满意之和除以已评价数）。");
        const int left = 120, right = 110, top = 44, barHeight = 22, rowHeight = 32, width = 640;
        var height = top + bars.Length * rowHeight + 16;
        var chart = new SvgChart(id, width, height, title, description);
        chart.Text(12, 22, title, size: 15, fill: Ink);
        var max = Math.Max(1, bars.Max(b => b.Count));
        var plotWidth = width - left - right;
        for (var i = 0; i < bars.Length; i++)
        {
            var (label, count, colour) = bars[i];
            var y = top + i * rowHeight;
            var share = i < 5 && rated > 0 ? $" ({Percent((decimal)count / rated)})" : "";
            chart.Text(left - 8, y + barHeight - 6, label, "end", cssClass: "level");
            chart.Rect(left, y, plotWidth * count / (double)max, barHeight, colour, $"{label}: {count}{share}", "bar");
            chart.Text(left + plotWidth * count / (double)max + 4, y + barHeight - 6, count.ToString(CultureInfo.InvariantCulture) + share, cssClass: "value");
        }

        return chart.ToString();
    }

    public static string Percent(decimal rate) => (rate * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%";

    private static IEnumerable<long> Ticks(long max)
    {
        var step = Math.Max(1, (long)Math.Ceiling(max / 4.0));
        for (long tick = 0; tick <= max; tick += step)
        {
            yield return tick;
        }
    }
}
