using Assist.Domain.Validation;
using Assist.Functions.Security;
using Assist.Storage.Directory;
using Assist.Storage.Reports;
using Assist.Storage.Reports.Exports;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Assist.Functions.Api.Reports;

/// <summary>
/// The reports: the ledger (台账) as pages and as CSV/XLSX exports, the scorecard, the quarterly medal table, the
/// monthly 通报 and the charts. Periods are <c>yyyy-MM</c> or <c>yyyy-Qn</c> (default: the current month, or
/// quarter for medals). Every answer is read from the projections (see <see cref="ReportService"/>).
/// </summary>
public static class ReportEndpoints
{
    public static IServiceCollection AddAssistReports(this IServiceCollection services)
    {
        services.TryAddSingleton<ReportService>();
        services.Configure<AuthorizationOptions>(ReportAccess.AddPolicies);
        return services;
    }

    public static IEndpointRouteBuilder MapReportEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var reports = endpoints.MapGroup("/api/reports")
            .WithTags("Reports")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);

        reports.MapGet("/ledger", GetLedgerAsync).WithName("GetLedger")
            .WithSummary("The ledger (台账), in order of receipt, filtered and paged; department heads see their own department.")
            .RequireAuthorization(ReportAccess.LedgerReaders).Produces<LedgerPageView>();
        reports.MapGet("/ledger/export.csv", ExportCsvAsync).WithName("ExportLedgerCsv")
            .WithSummary("The filtered ledger as CSV (UTF-8 with BOM), streamed; Chinese headers unless lang=en or Accept-Language: en.")
            .RequireAuthorization(ReportAccess.LedgerReaders).Produces(StatusCodes.Status200OK, contentType: "text/csv");
        reports.MapGet("/ledger/export.xlsx", ExportXlsxAsync).WithName("ExportLedgerXlsx")
            .WithSummary("The filtered ledger as an XLSX workbook, streamed row by row.")
            .RequireAuthorization(ReportAccess.LedgerReaders).Produces(StatusCodes.Status200OK, contentType: LedgerXlsxExport.ContentType);
        reports.MapGet("/scorecard", GetScorecardAsync).WithName("GetScorecard")
            .WithSummary("Department scorecard of a month or quarter: rates, weighted score with floors, ranking with ties, bottom-N.")
            .RequireAuthorization(ReportAccess.ReportReaders).Produces<ScorecardView>();
        reports.MapGet("/medals", GetMedalsAsync).WithName("GetMedalTable")
            .WithSummary("The quarterly medal table (奖牌榜): gold, silver and bronze per metric and overall; ties share a medal.")
            .RequireAuthorization(ReportAccess.ReportReaders).Produces<MedalTableView>();
        reports.MapGet("/bulletin", GetBulletinAsync).WithName("GetBulletin")
            .WithSummary("The monthly bulletin (通报): red cards, ranking, bottom units. No mobiles, no confidential enterprises.")
            .RequireAuthorization(ReportAccess.ReportReaders).Produces<BulletinView>();
        reports.MapGet("/charts/backlog.svg", GetBacklogChartAsync).WithName("GetBacklogChart")
            .WithSummary("Backlog over time as an accessible SVG.")
            .RequireAuthorization(ReportAccess.ReportReaders).Produces(StatusCodes.Status200OK, contentType: "image/svg+xml");
        reports.MapGet("/charts/on-time.svg", GetOnTimeChartAsync).WithName("GetOnTimeChart")
            .WithSummary("On-time sign-in and reply rates by department as an accessible SVG.")
            .RequireAuthorization(ReportAccess.ReportReaders).Produces(StatusCodes.Status200OK, contentType: "image/svg+xml");
        reports.MapGet("/charts/satisfaction.svg", GetSatisfactionChartAsync).WithName("GetSatisfactionChart")
            .WithSummary("Satisfaction distribution (好差评 levels and 未评价) as an accessible SVG.")
            .RequireAuthorization(ReportAccess.ReportReaders).Produces(StatusCodes.Status200OK, contentType: "image/svg+xml");
        return endpoints;
    }

    private static async Task<IResult> GetLedgerAsync(
        HttpContext http, ReportService reports, TimeProvider time,
        string? period, string? department, string? topic, string? status, string? overdue, string? enterprise, string? officer,
        string? pageSize, string? continuationToken, CancellationToken cancellationToken)
    {
        var (query, problem) = LedgerQuery(http, time, period, department, topic, status, overdue, enterprise, officer);
        if (problem is not null)
        {
            return problem;
        }

        if (!TryNumber(pageSize, 50, out var size) || size is < 1 or > ReportService.MaxPageSize)
        {
            return Invalid(http.Request, ReportParameters.PageSize(ReportService.MaxPageSize));
        }

        try
        {
            var page = await reports.QueryLedgerAsync(query!, size, continuationToken, cancellationToken);
            return Results.Ok(new LedgerPageView(page.Items, page.ContinuationToken));
        }
        catch (ArgumentException)
        {
            return Invalid(http.Request, ReportParameters.ContinuationToken);
        }
    }

    private static Task<IResult> ExportCsvAsync(
        HttpContext http, ReportService reports, DirectoryStore directory, TimeProvider time,
        string? period, string? department, string? topic, string? status, string? overdue, string? enterprise, string? officer, string? lang) =>
        ExportAsync(http, reports, directory, time, period, department, topic, status, overdue, enterprise, officer, lang, "csv", LedgerCsvExport.ContentType, LedgerCsvExport.WriteAsync);

    private static Task<IResult> ExportXlsxAsync(
        HttpContext http, ReportService reports, DirectoryStore directory, TimeProvider time,
        string? period, string? department, string? topic, string? status, string? overdue, string? enterprise, string? officer, string? lang) =>
        ExportAsync(http, reports, directory, time, period, department, topic, status, overdue, enterprise, officer, lang, "xlsx", LedgerXlsxExport.ContentType, LedgerXlsxExport.WriteAsync);

    private static async Task<IResult> ExportAsync(
        HttpContext http, ReportService reports, DirectoryStore directory, TimeProvider time,
        string? period, string? department, string? topic, string? status, string? overdue, string? enterprise, string? officer, string? lang,
        string extension, string contentType, Func<Stream, IAsyncEnumerable<LedgerLine>, LedgerLabels, CancellationToken, Task<long>> write)
    {
        var (query, problem) = LedgerQuery(http, time, period, department, topic, status, overdue, enterprise, officer);
        if (problem is not null)
        {
            return problem;
        }

        var labels = new LedgerLabels(await directory.GetAsync(http.RequestAborted), ReportAccess.Chinese(http.Request, lang));
        // The zip and XML writers under the XLSX export write synchronously; rows still go out as they are read.
        http.Features.Get<IHttpBodyControlFeature>()?.AllowSynchronousIO = true;
        var name = $"ledger-{query!.Period}{(query.DepartmentId is { } d ? "-" + d : "")}.{extension}";
        return Results.Stream(
            async body => await write(body, reports.StreamLedgerAsync(query, http.RequestAborted), labels, http.RequestAborted),
            contentType,
            name);
    }

    private static async Task<IResult> GetScorecardAsync(HttpContext http, ReportService reports, DirectoryStore directory, TimeProvider time, string? period, string? bottom, CancellationToken cancellationToken)
    {
        if (ReportAccess.Period(period, time.GetUtcNow(), quarter: false) is not { } parsed)
        {
            return InvalidPeriod(http.Request);
        }

        if (!TryNumber(bottom, 3, out var bottomCount) || bottomCount is < 0 or > 50)
        {
            return Invalid(http.Request, ReportParameters.Bottom);
        }

        var report = await reports.GetScorecardAsync(parsed, bottomCount, cancellationToken);
        return Results.Ok(ReportPresenter.Scorecard(report, await directory.GetAsync(cancellationToken)));
    }

    private static async Task<IResult> GetMedalsAsync(HttpContext http, ReportService reports, DirectoryStore directory, TimeProvider time, string? quarter, CancellationToken cancellationToken)
    {
        if (ReportAccess.Period(quarter, time.GetUtcNow(), quarter: true) is not { IsQuarter: true } parsed)
        {
            return Invalid(http.Request, ReportParameters.Quarter);
        }

        var report = await reports.GetMedalTableAsync(parsed, cancellationToken);
        return Results.Ok(ReportPresenter.Medals(report, await directory.GetAsync(cancellationToken)));
    }

    private static async Task<IResult> GetBulletinAsync(HttpContext http, ReportService reports, DirectoryStore directory, TimeProvider time, string? month, string? bottom, CancellationToken cancellationToken)
    {
        if (ReportAccess.Period(month, time.GetUtcNow(), quarter: false) is not { IsQuarter: false } parsed)
        {
            return Invalid(http.Request, ReportParameters.Month);
        }

        if (!TryNumber(bottom, 3, out var bottomCount) || bottomCount is < 0 or > 50)
        {
            return Invalid(http.Request, ReportParameters.Bottom);
        }

        var bulletin = await reports.GetBulletinAsync(parsed, bottomCount, cancellationToken);
        return Results.Ok(ReportPresenter.Bulletin(bulletin, await directory.GetAsync(cancellationToken), ApiLanguage.PrefersChinese(http.Request)));
    }

    private static async Task<IResult> GetBacklogChartAsync(HttpContext http, ReportService reports, TimeProvider time, string? period, string? lang, CancellationToken cancellationToken)
    {
        if (ReportAccess.Period(period, time.GetUtcNow(), quarter: false) is not { } parsed)
        {
            return InvalidPeriod(http.Request);
        }

        var points = await reports.GetBacklogAsync(parsed, cancellationToken);
        return Svg(ReportCharts.Backlog(points, parsed.ToString(), ReportAccess.Chinese(http.Request, lang)));
    }

    private static async Task<IResult> GetOnTimeChartAsync(HttpContext http, ReportService reports, DirectoryStore directory, TimeProvider time, string? period, string? lang, CancellationToken cancellationToken)
    {
        if (ReportAccess.Period(period, time.GetUtcNow(), quarter: false) is not { } parsed)
        {
            return InvalidPeriod(http.Request);
        }

        var snapshot = await directory.GetAsync(cancellationToken);
        var report = await reports.GetScorecardAsync(parsed, 0, cancellationToken);
        return Svg(ReportCharts.OnTimeRates(report.Lines, id => ReportPresenter.DepartmentName(snapshot, id), parsed.ToString(), ReportAccess.Chinese(http.Request, lang)));
    }

    private static async Task<IResult> GetSatisfactionChartAsync(HttpContext http, ReportService reports, TimeProvider time, string? period, string? lang, CancellationToken cancellationToken)
    {
        if (ReportAccess.Period(period, time.GetUtcNow(), quarter: false) is not { } parsed)
        {
            return InvalidPeriod(http.Request);
        }

        var report = await reports.GetScorecardAsync(parsed, 0, cancellationToken);
        return Svg(ReportCharts.Satisfaction(report.Total, parsed.ToString(), ReportAccess.Chinese(http.Request, lang)));
    }

    private static (LedgerQuery? Query, IResult? Problem) LedgerQuery(
        HttpContext http, TimeProvider time, string? period, string? department, string? topic, string? status, string? overdue, string? enterprise, string? officer)
    {
        if (ReportAccess.Period(period, time.GetUtcNow(), quarter: false) is not { } parsed)
        {
            return (null, InvalidPeriod(http.Request));
        }

        if (!TryBoolean(overdue, out var overdueOnly))
        {
            return (null, Invalid(http.Request, ReportParameters.Overdue));
        }

        var (query, error, forbidden) = ReportAccess.Ledger(http.User, parsed, department, topic, status, overdueOnly, enterprise, officer);
        if (forbidden)
        {
            return (null, ApiProblems.Forbidden(http.Request, "Department heads see their own department's ledger.", "部门负责人只能查看本部门的台账。"));
        }

        return error is not null
            ? (null, Invalid(http.Request, ReportParameters.Filter(error)))
            : (query, null);
    }

    /// <summary>
    /// Numbers and flags are read here, not bound by the framework, so a malformed one is a problem naming its
    /// parameter like every other bad report parameter.
    /// </summary>
    private static bool TryNumber(string? text, int fallback, out int value)
    {
        value = fallback;
        return string.IsNullOrEmpty(text) || int.TryParse(text, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out value);
    }

    private static bool TryBoolean(string? text, out bool? value)
    {
        value = null;
        if (string.IsNullOrEmpty(text))
        {
            return true;
        }

        if (bool.TryParse(text, out var parsed))
        {
            value = parsed;
            return true;
        }

        return false;
    }

    private static IResult Svg(string svg) => Results.Text(svg, "image/svg+xml; charset=utf-8");

    private static IResult InvalidPeriod(HttpRequest request) => Invalid(request, ReportParameters.Period);

    private static IResult Invalid(HttpRequest request, FieldError error) =>
        ApiProblems.Field(request, error.Field, error.Code, error.Message, error.MessageZh);
}
