using Assist.Domain.Validation;
using Assist.Functions.Api.OpenApi;
using Assist.Functions.Api.Tickets;
using Assist.Functions.Security;
using Assist.Storage.Directory;
using Assist.Storage.Reports;
using Assist.Storage.Reports.Exports;
using Assist.Storage.Workflow;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Azure.Functions.Worker;

namespace Assist.Functions.Api.Reports;

/// <summary>
/// The reports: the ledger (台账) as pages and as CSV/XLSX exports, the scorecard, the quarterly medal table, the
/// monthly 通报 and the charts. Periods are <c>yyyy-MM</c> or <c>yyyy-Qn</c> (default: the current month, or
/// quarter for medals). Every answer is read from the projections (see <see cref="ReportService"/>).
/// </summary>
[Tags("Reports")]
[ProducesProblem(StatusCodes.Status400BadRequest)]
[ProducesProblem(StatusCodes.Status401Unauthorized)]
[ProducesProblem(StatusCodes.Status403Forbidden)]
public sealed class ReportFunctions(ReportService reports, TicketService tickets, DirectoryStore directory, Assist.Storage.CommonIssues.CommonIssueService commonIssues, TimeProvider time)
{
    /// <summary>The most tickets one page of ledger chains carries: each is a partition read and all its events.</summary>
    public const int MaxChainPageSize = 50;

    private const string PeriodText = "A month (yyyy-MM) or a quarter (yyyy-Qn); the current month when absent.";
    private const string DepartmentText = "Only tickets this department leads or co-handles (a department head sees only their own).";
    private const string TopicText = "Only tickets of this topic code.";
    private const string StatusText = "Only tickets in this status.";
    private const string OverdueText = "true: only overdue tickets; false: only the others.";
    private const string EnterpriseText = "Only tickets of this enterprise: its 18-character credit code (exactly), else a part of its name (any case; reads the month's ledger partition, or the one another filter picks).";
    private const string OfficerText = "Only tickets of this officer (user id).";
    private const string LangText = "en or zh: the language of the labels (otherwise Accept-Language; Chinese by default).";
    private const string BottomText = "How many units at the bottom to name, 0 to 50 (3 when absent).";

    /// <summary>The ledger's filters, which the ledger and both exports read alike (<see cref="LedgerQuery"/>).</summary>
    [AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
    private sealed class LedgerFilterParametersAttribute : Attribute, IDeclarationGroup
    {
        public IEnumerable<object> Items { get; } =
        [
            new QueryParameterAttribute("period", PeriodText),
            new QueryParameterAttribute("department", DepartmentText),
            new QueryParameterAttribute("topic", TopicText),
            new QueryParameterAttribute("status", StatusText),
            new QueryParameterAttribute("overdue", OverdueText),
            new QueryParameterAttribute("enterprise", EnterpriseText),
            new QueryParameterAttribute("officer", OfficerText),
        ];
    }

    [Function("GetLedger")]
    [EndpointSummary("The ledger (台账), in order of receipt, filtered and paged; department heads see their own department.")]
    [Authorize(Policy = ReportAccess.LedgerReaders)]
    [Produces(StatusCodes.Status200OK, typeof(LedgerPageView))]
    [LedgerFilterParameters]
    [QueryParameter("pageSize", "Lines per page, 1 to 500 (50 when absent).", IsWholeNumber = true)]
    [QueryParameter("continuationToken", "The token the previous page answered, for the next page.")]
    public async Task<IResult> GetLedgerAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/reports/ledger")] HttpRequest request, CancellationToken cancellationToken)
    {
        var (query, problem) = LedgerQuery(request);
        if (problem is not null)
        {
            return problem;
        }

        if (!TryNumber(Query(request, "pageSize"), 50, out var size) || size is < 1 or > ReportService.MaxPageSize)
        {
            return Invalid(request, ReportParameters.PageSize(ReportService.MaxPageSize));
        }

        try
        {
            var page = await reports.QueryLedgerAsync(query!, size, Query(request, "continuationToken"), cancellationToken);
            return Results.Ok(new LedgerPageView(page.Items, page.ContinuationToken));
        }
        catch (ArgumentException)
        {
            return Invalid(request, ReportParameters.ContinuationToken);
        }
    }

    [Function("GetLedgerChains")]
    [EndpointSummary("The hash-chained ledgers of the tickets the ledger (台账) lists, paged, in the ticket ledger's entry shape, for verifying many tickets at once (scripts/verify-ledger).")]
    [Authorize(Policy = ReportAccess.LedgerReaders)]
    [Produces(StatusCodes.Status200OK, typeof(LedgerChainPageView))]
    [LedgerFilterParameters]
    [QueryParameter("pageSize", "Tickets per page, 1 to 50 (20 when absent).", IsWholeNumber = true)]
    [QueryParameter("continuationToken", "The token the previous page answered, for the next page.")]
    public async Task<IResult> GetLedgerChainsAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/reports/ledger-chains")] HttpRequest request, CancellationToken cancellationToken)
    {
        var (query, problem) = LedgerQuery(request);
        if (problem is not null)
        {
            return problem;
        }

        if (!TryNumber(Query(request, "pageSize"), 20, out var size) || size is < 1 or > MaxChainPageSize)
        {
            return Invalid(request, ReportParameters.PageSize(MaxChainPageSize));
        }

        LedgerPage page;
        try
        {
            // The period's tickets come from the ledger projection (one partition read a page), never a scan of tickets.
            page = await reports.QueryLedgerAsync(query!, size, Query(request, "continuationToken"), cancellationToken);
        }
        catch (ArgumentException)
        {
            return Invalid(request, ReportParameters.ContinuationToken);
        }

        var user = request.HttpContext.User;
        var chains = new List<TicketLedgerView>(page.Items.Count);
        foreach (var line in page.Items)
        {
            if (await tickets.GetLedgerAsync(line.Number, cancellationToken) is { } ledger)
            {
                chains.Add(TicketViewMapper.Ledger(ledger, user.MaySeeEnterprise(line.Confidential)));
            }
        }

        return Results.Ok(new LedgerChainPageView(chains, page.ContinuationToken));
    }

    [Function("ExportLedgerCsv")]
    [EndpointSummary("The filtered ledger as CSV (UTF-8 with BOM), streamed; Chinese headers unless lang=en or Accept-Language: en.")]
    [Authorize(Policy = ReportAccess.LedgerReaders)]
    [Produces(StatusCodes.Status200OK, contentType: "text/csv")]
    [LedgerFilterParameters]
    [QueryParameter("lang", LangText)]
    public Task<IResult> ExportLedgerCsvAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/reports/ledger/export.csv")] HttpRequest request) =>
        ExportAsync(request, "csv", LedgerCsvExport.ContentType, LedgerCsvExport.WriteAsync);

    [Function("ExportLedgerXlsx")]
    [EndpointSummary("The filtered ledger as an XLSX workbook, streamed row by row.")]
    [Authorize(Policy = ReportAccess.LedgerReaders)]
    [Produces(StatusCodes.Status200OK, contentType: LedgerXlsxExport.ContentType)]
    [LedgerFilterParameters]
    [QueryParameter("lang", LangText)]
    public Task<IResult> ExportLedgerXlsxAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/reports/ledger/export.xlsx")] HttpRequest request) =>
        ExportAsync(request, "xlsx", LedgerXlsxExport.ContentType, LedgerXlsxExport.WriteAsync);

    [Function("GetScorecard")]
    [EndpointSummary("Department scorecard of a month or quarter: rates, weighted score with floors, ranking with ties, bottom-N.")]
    [Authorize(Policy = ReportAccess.ReportReaders)]
    [Produces(StatusCodes.Status200OK, typeof(ScorecardView))]
    [QueryParameter("period", PeriodText)]
    [QueryParameter("bottom", BottomText, IsWholeNumber = true)]
    public async Task<IResult> GetScorecardAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/reports/scorecard")] HttpRequest request, CancellationToken cancellationToken)
    {
        if (ReportAccess.Period(Query(request, "period"), time.GetUtcNow(), quarter: false) is not { } parsed)
        {
            return InvalidPeriod(request);
        }

        if (!TryNumber(Query(request, "bottom"), 3, out var bottomCount) || bottomCount is < 0 or > 50)
        {
            return Invalid(request, ReportParameters.Bottom);
        }

        var report = await reports.GetScorecardAsync(parsed, bottomCount, cancellationToken);
        return Results.Ok(ReportPresenter.Scorecard(report, await directory.GetAsync(cancellationToken)));
    }

    [Function("GetMedalTable")]
    [EndpointSummary("The quarterly medal table (奖牌榜): gold, silver and bronze per metric and overall; ties share a medal.")]
    [Authorize(Policy = ReportAccess.ReportReaders)]
    [Produces(StatusCodes.Status200OK, typeof(MedalTableView))]
    [QueryParameter("quarter", "A quarter (yyyy-Qn); the current quarter when absent.")]
    public async Task<IResult> GetMedalTableAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/reports/medals")] HttpRequest request, CancellationToken cancellationToken)
    {
        if (ReportAccess.Period(Query(request, "quarter"), time.GetUtcNow(), quarter: true) is not { IsQuarter: true } parsed)
        {
            return Invalid(request, ReportParameters.Quarter);
        }

        var report = await reports.GetMedalTableAsync(parsed, cancellationToken);
        return Results.Ok(ReportPresenter.Medals(report, await directory.GetAsync(cancellationToken)));
    }

    [Function("GetBulletin")]
    [EndpointSummary("The monthly bulletin (通报): red cards, ranking, bottom units, the common issues (共性问题) grouped in the month with their members. No mobiles, no confidential enterprises.")]
    [Authorize(Policy = ReportAccess.ReportReaders)]
    [Produces(StatusCodes.Status200OK, typeof(BulletinView))]
    [QueryParameter("month", "A month (yyyy-MM); the current month when absent.")]
    [QueryParameter("bottom", BottomText, IsWholeNumber = true)]
    public async Task<IResult> GetBulletinAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/reports/bulletin")] HttpRequest request, CancellationToken cancellationToken)
    {
        if (ReportAccess.Period(Query(request, "month"), time.GetUtcNow(), quarter: false) is not { IsQuarter: false } parsed)
        {
            return Invalid(request, ReportParameters.Month);
        }

        if (!TryNumber(Query(request, "bottom"), 3, out var bottomCount) || bottomCount is < 0 or > 50)
        {
            return Invalid(request, ReportParameters.Bottom);
        }

        var bulletin = await reports.GetBulletinAsync(parsed, bottomCount, cancellationToken);
        var snapshot = await directory.GetAsync(cancellationToken);
        var issues = ReportPresenter.CommonIssues(await commonIssues.ListAsync(cancellationToken), parsed, snapshot);
        return Results.Ok(ReportPresenter.Bulletin(bulletin, snapshot, ApiLanguage.PrefersChinese(request), issues));
    }

    [Function("GetBacklogChart")]
    [EndpointSummary("Backlog over time as an accessible SVG.")]
    [Authorize(Policy = ReportAccess.ReportReaders)]
    [Produces(StatusCodes.Status200OK, contentType: "image/svg+xml")]
    [QueryParameter("period", PeriodText)]
    [QueryParameter("lang", LangText)]
    public async Task<IResult> GetBacklogChartAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/reports/charts/backlog.svg")] HttpRequest request, CancellationToken cancellationToken)
    {
        if (ReportAccess.Period(Query(request, "period"), time.GetUtcNow(), quarter: false) is not { } parsed)
        {
            return InvalidPeriod(request);
        }

        var points = await reports.GetBacklogAsync(parsed, cancellationToken);
        return Svg(ReportCharts.Backlog(points, parsed.ToString(), ReportAccess.Chinese(request, Query(request, "lang"))));
    }

    [Function("GetOnTimeChart")]
    [EndpointSummary("On-time sign-in and reply rates by department as an accessible SVG.")]
    [Authorize(Policy = ReportAccess.ReportReaders)]
    [Produces(StatusCodes.Status200OK, contentType: "image/svg+xml")]
    [QueryParameter("period", PeriodText)]
    [QueryParameter("lang", LangText)]
    public async Task<IResult> GetOnTimeChartAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/reports/charts/on-time.svg")] HttpRequest request, CancellationToken cancellationToken)
    {
        if (ReportAccess.Period(Query(request, "period"), time.GetUtcNow(), quarter: false) is not { } parsed)
        {
            return InvalidPeriod(request);
        }

        var snapshot = await directory.GetAsync(cancellationToken);
        var report = await reports.GetScorecardAsync(parsed, 0, cancellationToken);
        return Svg(ReportCharts.OnTimeRates(report.Lines, id => ReportPresenter.DepartmentName(snapshot, id), parsed.ToString(), ReportAccess.Chinese(request, Query(request, "lang"))));
    }

    [Function("GetSatisfactionChart")]
    [EndpointSummary("Satisfaction distribution (好差评 levels and 未评价) as an accessible SVG.")]
    [Authorize(Policy = ReportAccess.ReportReaders)]
    [Produces(StatusCodes.Status200OK, contentType: "image/svg+xml")]
    [QueryParameter("period", PeriodText)]
    [QueryParameter("lang", LangText)]
    public async Task<IResult> GetSatisfactionChartAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/reports/charts/satisfaction.svg")] HttpRequest request, CancellationToken cancellationToken)
    {
        if (ReportAccess.Period(Query(request, "period"), time.GetUtcNow(), quarter: false) is not { } parsed)
        {
            return InvalidPeriod(request);
        }

        var report = await reports.GetScorecardAsync(parsed, 0, cancellationToken);
        return Svg(ReportCharts.Satisfaction(report.Total, parsed.ToString(), ReportAccess.Chinese(request, Query(request, "lang"))));
    }

    private async Task<IResult> ExportAsync(
        HttpRequest request, string extension, string contentType, Func<Stream, IAsyncEnumerable<LedgerLine>, LedgerLabels, CancellationToken, Task<long>> write)
    {
        var http = request.HttpContext;
        var (query, problem) = LedgerQuery(request);
        if (problem is not null)
        {
            return problem;
        }

        var labels = new LedgerLabels(await directory.GetAsync(http.RequestAborted), ReportAccess.Chinese(request, Query(request, "lang")));
        // The zip and XML writers under the XLSX export write synchronously; rows still go out as they are read.
        http.Features.Get<IHttpBodyControlFeature>()?.AllowSynchronousIO = true;
        var name = $"ledger-{query!.Period}{(query.DepartmentId is { } d ? "-" + d : "")}.{extension}";
        return Results.Stream(
            async body => await write(body, reports.StreamLedgerAsync(query, http.RequestAborted), labels, http.RequestAborted),
            contentType,
            name);
    }

    /// <summary>A query value as it was sent: null when absent (an empty value is a value, and a filter refuses it).</summary>
    private static string? Query(HttpRequest request, string name) => request.Query[name];

    private (LedgerQuery? Query, IResult? Problem) LedgerQuery(HttpRequest request)
    {
        if (ReportAccess.Period(Query(request, "period"), time.GetUtcNow(), quarter: false) is not { } parsed)
        {
            return (null, InvalidPeriod(request));
        }

        if (!TryBoolean(Query(request, "overdue"), out var overdueOnly))
        {
            return (null, Invalid(request, ReportParameters.Overdue));
        }

        var (query, error, forbidden) = ReportAccess.Ledger(
            request.HttpContext.User, parsed, Query(request, "department"), Query(request, "topic"), Query(request, "status"), overdueOnly, Query(request, "enterprise"), Query(request, "officer"));
        if (forbidden)
        {
            return (null, ApiProblems.Forbidden(request, "Department heads see their own department's ledger.", "部门负责人只能查看本部门的台账。"));
        }

        return error is not null
            ? (null, Invalid(request, ReportParameters.Filter(error)))
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
