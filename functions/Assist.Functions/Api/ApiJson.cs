using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace Assist.Functions.Api;

/// <summary>
/// Reads a JSON request body so that nothing a client sends ends in a 500: wrong content type → 415, malformed
/// JSON, wrong types or unknown enum values → 400 naming the field, too large → 413.
/// </summary>
public static class ApiJson
{
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<JsonSerializerOptions, JsonSerializerOptions> StrictOptions = [];

    /// <summary>
    /// Reads <typeparamref name="T"/>. <paramref name="strict"/> (for domain types taken whole, e.g. policies) also
    /// refuses missing constructor parameters and nulls where the type says non-null, so no half-built value is stored.
    /// </summary>
    public static async Task<BodyRead<T>> ReadAsync<T>(HttpRequest request, CancellationToken cancellationToken, bool strict = false)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!request.HasJsonContentType())
        {
            return new(null, ApiProblems.Simple(request, StatusCodes.Status415UnsupportedMediaType, ProblemTypes.UnsupportedMediaType,
                "Send the body as application/json.", "请以 application/json 格式提交。"));
        }

        var options = request.HttpContext.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        if (strict)
        {
            options = StrictOptions.GetValue(options, static o => new JsonSerializerOptions(o) { RespectNullableAnnotations = true, RespectRequiredConstructorParameters = true });
        }
        try
        {
            var value = await request.ReadFromJsonAsync<T>(options, cancellationToken);
            return value is null
                ? new(null, ApiProblems.Field(request, "body", "body.required", "A JSON object is required.", "请求体须为 JSON 对象。", type: ProblemTypes.MalformedBody))
                : new(value, null);
        }
        catch (JsonException exception)
        {
            var field = FieldOf(exception.Path);
            return new(null, ApiProblems.Field(
                request,
                field,
                "json.invalid",
                field == "body" ? $"The body is not valid JSON for this request: {exception.Message}" : $"'{field}' has a value of the wrong type or an unknown value.",
                field == "body" ? "请求体不是有效的 JSON，或缺少必填字段。" : $"“{field}”的值类型不正确或不是可选的值。",
                type: ProblemTypes.MalformedBody));
        }
        catch (BadHttpRequestException exception)
        {
            return new(null, TooLargeOrBad(request, exception));
        }
    }

    /// <summary>Kestrel's own refusals (body too large, client stopped sending) as problems.</summary>
    public static IResult TooLargeOrBad(HttpRequest request, BadHttpRequestException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception.StatusCode == StatusCodes.Status413PayloadTooLarge
            ? ApiProblems.Simple(request, StatusCodes.Status413PayloadTooLarge, ProblemTypes.PayloadTooLarge,
                "The request body is larger than this endpoint accepts.", "请求内容超过了允许的大小。")
            : ApiProblems.Simple(request, exception.StatusCode, ProblemTypes.MalformedBody,
                "The request body could not be read.", "无法读取请求内容。");
    }

    /// <summary><c>$.rating</c> → <c>rating</c>; <c>$.departments[1]</c> → <c>departments[1]</c>; <c>$</c> → <c>body</c>.</summary>
    public static string FieldOf(string? path)
    {
        if (string.IsNullOrEmpty(path) || path == "$")
        {
            return "body";
        }

        return path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');
    }
}

/// <summary>A parsed body, or the problem to answer with.</summary>
public readonly record struct BodyRead<T>(T? Value, IResult? Problem)
    where T : class;
