using Assist.Domain.Validation;

namespace Assist.Functions.Api.Reports;

/// <summary>
/// What is wrong with a report's query parameter, named as it is sent and with the form expected, in both languages:
/// the API answers it as problem+json on that field, the pages show it on their 400 page in the page's language.
/// </summary>
public static class ReportParameters
{
    public const string Code = "invalid-query";

    public static FieldError Period { get; } = new(
        "period",
        Code,
        "The parameter period must be a month (yyyy-MM, e.g. 2026-03) or a quarter (yyyy-Qn, e.g. 2026-Q1).",
        "参数 period（统计期）应为月份 yyyy-MM（如 2026-03）或季度 yyyy-Qn（如 2026-Q1）。");

    public static FieldError Quarter { get; } = new(
        "quarter",
        Code,
        "The parameter quarter must be a quarter, yyyy-Qn with n from 1 to 4 (e.g. 2026-Q1).",
        "参数 quarter（季度）应为 yyyy-Qn，n 为 1 至 4（如 2026-Q1）。");

    public static FieldError Month { get; } = new(
        "month",
        Code,
        "The parameter month must be a month, yyyy-MM with MM from 01 to 12 (e.g. 2026-03).",
        "参数 month（月份）应为 yyyy-MM，MM 为 01 至 12（如 2026-03）。");

    public static FieldError Bottom { get; } = new("bottom", Code, "The parameter bottom must be 0 to 50.", "参数 bottom（末位数量）应为 0 至 50。");

    public static FieldError ContinuationToken { get; } = new(
        "continuationToken",
        Code,
        "The parameter continuationToken does not belong to this query; start again from the first page.",
        "参数 continuationToken（翻页标记）与本次查询不符，请从第一页重新查询。");

    public static FieldError Overdue { get; } = new("overdue", Code, "The parameter overdue must be true or false.", "参数 overdue（超期）应为 true 或 false。");

    public static FieldError PageSize(int max) => new("pageSize", Code, $"The parameter pageSize must be 1 to {max}.", $"参数 pageSize（每页条数）应为 1 至 {max}。");

    /// <summary>A ledger filter (department, topic, status, officer, enterprise) that is not valid.</summary>
    public static FieldError Filter(string name) => new(
        name,
        Code,
        name == "status"
            ? $"The parameter status must be one of {string.Join(", ", Enum.GetNames<Domain.Tickets.TicketStatus>())}."
            : $"The parameter {name} must be 1 to 200 characters without control characters.",
        name == "status"
            ? $"参数 status（状态）应为 {string.Join("、", Enum.GetNames<Domain.Tickets.TicketStatus>())} 之一。"
            : $"参数 {name} 应为 1 至 200 个字符，且不含控制字符。");
}
