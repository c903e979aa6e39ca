using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Assist.Bench.Harness;

/// <summary>The few API calls the load drivers make, on one pooled loopback HttpClient.</summary>
internal static class ApiClient
{
    public static readonly string[] Topics = ["FINANCE", "TAX", "MARKET", "LAND", "LABOR", "POLICY", "LEGAL", "LOGISTICS", "ENV_SAFETY", "PARK", "BIZ_ENV", "PROJECT"];

    public static HttpClient Create(TimeSpan? timeout = null) => new(new SocketsHttpHandler
    {
        MaxConnectionsPerServer = 512,
        PooledConnectionLifetime = TimeSpan.FromMinutes(10),
        ConnectTimeout = TimeSpan.FromSeconds(5),
        UseCookies = false,
    })
    {
        Timeout = timeout ?? TimeSpan.FromSeconds(60),
    };

    /// <summary>The README's example form (JSON, no file), varied by <paramref name="n"/> so tickets differ.</summary>
    public static string SubmissionJson(int n, string? topic = null, bool urgent = false) => JsonSerializer.Serialize(new Dictionary<string, object>
    {
        ["enterpriseName"] = "深圳市示例科技有限公司" + n.ToString(CultureInfo.InvariantCulture),
        ["creditCode"] = "9144030071526726XG",
        ["district"] = "高新区",
        ["contactName"] = "王经理",
        ["mobile"] = "13800138000",
        ["type"] = "Help",
        ["topic"] = topic ?? Topics[n % Topics.Length],
        ["urgent"] = urgent,
        ["title"] = "贷款审批迟迟没有结果 #" + n.ToString(CultureInfo.InvariantCulture),
        ["description"] = "三个月前申请的流动资金贷款至今未获审批，影响原材料采购，请协调。",
        ["consentGiven"] = true,
    });

    public static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    public static async Task<string> TokenAsync(HttpClient http, Uri app, string user, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsync(new Uri(app, "api/dev/token"), Json(JsonSerializer.Serialize(new { user })), cancellationToken);
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
        return body.GetProperty("accessToken").GetString()!;
    }

    public static HttpRequestMessage Get(Uri app, string path, string token)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, new Uri(app, path));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return request;
    }

    public static HttpRequestMessage Post(Uri app, string path, string json, string? token = null, int? ifMatch = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(app, path)) { Content = Json(json) };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (ifMatch is { } version)
        {
            request.Headers.IfMatch.Add(new EntityTagHeaderValue("\"" + version.ToString(CultureInfo.InvariantCulture) + "\""));
        }

        return request;
    }

    /// <summary>Moves the app's development clock (the app wakes every live orchestration and waits for their looks before it answers); returns the app's new "now".</summary>
    public static async Task<DateTimeOffset> MoveClockAsync(HttpClient http, Uri app, object body, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsync(new Uri(app, "api/dev/clock"), Json(JsonSerializer.Serialize(body)), cancellationToken);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"Moving the clock answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }

        var answer = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
        return answer.GetProperty("now").GetDateTimeOffset();
    }
}
