using Assist.Domain.Tickets;
using Assist.Domain.Validation;

namespace Assist.Functions.Api;

/// <summary>
/// RFC 9457 problem answers in the caller's language: field-level <c>errors</c> (field → messages) for invalid
/// input, the rejection's stable <c>code</c> for refused commands, and the usual HTTP statuses for the rest.
/// </summary>
public static class ApiProblems
{
    public const string ErrorsKey = "errors";
    public const string CodeKey = "code";

    public static IResult Validation(HttpRequest request, ValidationErrors errors, string? detail = null)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var chinese = ApiLanguage.PrefersChinese(request);
        return Results.Problem(
            title: chinese ? "提交的内容有误。" : "The request has invalid fields.",
            detail: detail,
            statusCode: StatusCodes.Status400BadRequest,
            type: ProblemTypes.Validation,
            extensions: new Dictionary<string, object?>
            {
                [CodeKey] = RejectionCodes.ValidationFailed,
                [ErrorsKey] = errors.ToMessages(chinese),
            });
    }

    /// <summary>One field's error, e.g. a malformed JSON property.</summary>
    public static IResult Field(HttpRequest request, string field, string code, string message, string messageZh, int status = StatusCodes.Status400BadRequest, string type = ProblemTypes.Validation)
    {
        var chinese = ApiLanguage.PrefersChinese(request);
        return Results.Problem(
            title: chinese ? "提交的内容有误。" : "The request has invalid fields.",
            detail: chinese ? messageZh : message,
            statusCode: status,
            type: type,
            extensions: new Dictionary<string, object?>
            {
                [CodeKey] = code,
                [ErrorsKey] = new Dictionary<string, string[]> { [field] = [chinese ? messageZh : message] },
            });
    }

    /// <summary>
    /// Several errors, each under its field (several under one field too, e.g. every refused file), with the first
    /// one's code as the problem's code and all messages as its detail.
    /// </summary>
    public static IResult Fields(HttpRequest request, IReadOnlyList<FieldError> errors, string type = ProblemTypes.Validation)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var chinese = ApiLanguage.PrefersChinese(request);
        var messages = errors.Select(e => chinese ? e.MessageZh : e.Message).ToList();
        return Results.Problem(
            title: chinese ? "提交的内容有误。" : "The request has invalid fields.",
            detail: string.Join(chinese ? "；" : "; ", messages),
            statusCode: StatusCodes.Status400BadRequest,
            type: type,
            extensions: new Dictionary<string, object?>
            {
                [CodeKey] = errors[0].Code,
                [ErrorsKey] = errors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => chinese ? e.MessageZh : e.Message).ToArray()),
            });
    }

    /// <summary>
    /// A command the workflow refused: wrong state → 409, not permitted for this caller → 403, invalid input → 400,
    /// each with the rejection's code and its reason.
    /// </summary>
    public static IResult Rejected(HttpRequest request, Rejection rejection)
    {
        ArgumentNullException.ThrowIfNull(rejection);
        var chinese = ApiLanguage.PrefersChinese(request);
        var status = StatusOf(rejection.Code);
        var extensions = new Dictionary<string, object?> { [CodeKey] = rejection.Code };
        if (rejection.Errors is { IsEmpty: false } errors)
        {
            extensions[ErrorsKey] = errors.ToMessages(chinese);
        }

        return Results.Problem(
            title: TitleOf(status, chinese),
            detail: chinese ? rejection.ReasonZh : rejection.Reason,
            statusCode: status,
            type: ProblemTypes.Prefix + rejection.Code,
            extensions: extensions);
    }

    public static int StatusOf(string rejectionCode) => rejectionCode switch
    {
        RejectionCodes.NotAuthorized => StatusCodes.Status403Forbidden,
        RejectionCodes.ValidationFailed or RejectionCodes.InvalidArgument or RejectionCodes.UnknownDepartment
            or RejectionCodes.UnknownOfficer or RejectionCodes.NotAHandlingDepartment => StatusCodes.Status400BadRequest,
        _ => StatusCodes.Status409Conflict,
    };

    public static IResult NotFound(HttpRequest request, string what, string whatZh) =>
        Simple(request, StatusCodes.Status404NotFound, ProblemTypes.NotFound, $"{what} was not found.", $"未找到{whatZh}。");

    public static IResult Unauthenticated(HttpRequest request) =>
        Simple(request, StatusCodes.Status401Unauthorized, ProblemTypes.Unauthenticated, "Sign in first.", "请先登录。");

    public static IResult MissingTrackingCode(HttpRequest request) =>
        Simple(request, StatusCodes.Status401Unauthorized, ProblemTypes.Unauthenticated,
            "Send the ticket's tracking code in the X-Tracking-Code header.", "请在 X-Tracking-Code 请求头中提供查询码。");

    public static IResult Forbidden(HttpRequest request, string? detail = null, string? detailZh = null) =>
        Simple(request, StatusCodes.Status403Forbidden, ProblemTypes.Forbidden,
            detail ?? "You may not do this.", detailZh ?? "您无权执行此操作。");

    public static IResult VersionMismatch(HttpRequest request, int currentVersion) => Results.Problem(
        title: ApiLanguage.Pick(request, "The ticket changed meanwhile.", "工单已被他人更新。"),
        detail: ApiLanguage.Pick(request,
            $"The ticket is now at version {currentVersion}; reload it and try again.",
            $"工单当前版本为 {currentVersion}，请刷新后重试。"),
        statusCode: StatusCodes.Status412PreconditionFailed,
        type: ProblemTypes.VersionMismatch,
        extensions: new Dictionary<string, object?> { [CodeKey] = "version-mismatch", ["currentVersion"] = currentVersion });

    public static IResult VersionRequired(HttpRequest request) =>
        Simple(request, StatusCodes.Status428PreconditionRequired, ProblemTypes.VersionRequired,
            "Send If-Match with the ticket version you read (its ETag), e.g. If-Match: \"3\".",
            "请在 If-Match 请求头中提供读取到的工单版本（ETag），例如 If-Match: \"3\"。");

    public static IResult Simple(HttpRequest request, int status, string type, string detail, string detailZh)
    {
        var chinese = ApiLanguage.PrefersChinese(request);
        return Results.Problem(
            title: TitleOf(status, chinese),
            detail: chinese ? detailZh : detail,
            statusCode: status,
            type: type,
            extensions: new Dictionary<string, object?> { [CodeKey] = type[ProblemTypes.Prefix.Length..] });
    }

    private static string TitleOf(int status, bool chinese) => status switch
    {
        StatusCodes.Status400BadRequest => chinese ? "请求有误。" : "The request is invalid.",
        StatusCodes.Status401Unauthorized => chinese ? "需要身份验证。" : "Authentication is required.",
        StatusCodes.Status403Forbidden => chinese ? "无权操作。" : "Not permitted.",
        StatusCodes.Status404NotFound => chinese ? "未找到。" : "Not found.",
        StatusCodes.Status409Conflict => chinese ? "当前状态下不能执行此操作。" : "Not possible in the ticket's current state.",
        StatusCodes.Status412PreconditionFailed => chinese ? "版本不一致。" : "Version mismatch.",
        StatusCodes.Status413PayloadTooLarge => chinese ? "请求内容过大。" : "The request is too large.",
        StatusCodes.Status415UnsupportedMediaType => chinese ? "不支持的内容类型。" : "Unsupported content type.",
        StatusCodes.Status428PreconditionRequired => chinese ? "缺少版本条件。" : "A version precondition is required.",
        StatusCodes.Status429TooManyRequests => chinese ? "请求过于频繁。" : "Too many requests.",
        _ => chinese ? "请求未能完成。" : "The request could not be completed.",
    };
}
