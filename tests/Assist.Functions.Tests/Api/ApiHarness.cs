using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Assist.Storage.Workflow;
using Assist.Tests;
using Microsoft.Extensions.DependencyInjection;

namespace Assist.Functions.Tests.Api;

/// <summary>
/// The real app on Kestrel against a shared Azurite, isolated by a storage name prefix of its own, with the
/// seeded directory, generous rate limits, and helpers that speak the API as its clients do.
/// </summary>
public sealed class ApiHarness : IAsyncDisposable
{
    public const string ValidCreditCode = "9144030071526726XG";
    private readonly Dictionary<string, string> _tokens = new(StringComparer.Ordinal);
    private readonly List<HttpClient> _clients = [];

    private ApiHarness(TestApp app, string prefix)
    {
        App = app;
        Prefix = prefix;
    }

    public TestApp App { get; }

    public string Prefix { get; }

    public HttpClient Anonymous => App.Client;

    public static async Task<ApiHarness> StartAsync(AzuriteInstance azurite, IDictionary<string, string?>? settings = null, Action<Microsoft.AspNetCore.Builder.WebApplicationBuilder>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(azurite);
        var prefix = "t" + Guid.NewGuid().ToString("N")[..10];
        var all = new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = azurite.ConnectionString,
            ["Scheduler:Enabled"] = "false",
            ["Workflow:StorageNamePrefix"] = prefix,
            ["RateLimits:Submit"] = "10000",
            ["RateLimits:Public"] = "10000",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        return new ApiHarness(await TestApp.StartAsync(all, configure), prefix);
    }

    /// <summary>A client signed in as <paramref name="user"/> with a development bearer token.</summary>
    public async Task<HttpClient> SignInAsync(string user)
    {
        if (!_tokens.TryGetValue(user, out var token))
        {
            using var response = await Anonymous.PostAsJsonAsync("/api/dev/token", new { user });
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            token = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
            _tokens[user] = token;
        }

        var client = new HttpClient { BaseAddress = App.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        _clients.Add(client);
        return client;
    }

    public static Dictionary<string, object?> Form(string topic = "FINANCE", string type = "Help", bool confidential = false, bool urgent = false) => new()
    {
        ["enterpriseName"] = "深圳市示例科技有限公司",
        ["creditCode"] = ValidCreditCode,
        ["district"] = "高新区",
        ["industry"] = "制造业",
        ["size"] = "中型",
        ["contactName"] = "王经理",
        ["mobile"] = "13800138000",
        ["type"] = type,
        ["topic"] = topic,
        ["urgent"] = urgent,
        ["title"] = "流动资金贷款审批迟迟没有结果",
        ["description"] = "我司三个月前申请的流动资金贷款至今未获审批，影响原材料采购，请协调相关部门尽快处理。",
        ["confidential"] = confidential,
        ["consentGiven"] = true,
    };

    /// <summary>Submits a valid JSON form; returns the 201 body (number, trackingCode, …).</summary>
    public async Task<Submitted> SubmitAsync(Dictionary<string, object?>? form = null)
    {
        using var response = await Anonymous.PostAsJsonAsync("/api/tickets", form ?? Form());
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.StatusCode == HttpStatusCode.Created, body.ToString());
        await App.DispatchedAsync();
        return new Submitted(body.GetProperty("number").GetString()!, body.GetProperty("trackingCode").GetString()!, body);
    }

    /// <summary>Sends JSON (or nothing) with an optional If-Match and tracking code.</summary>
    public static async Task<Answer> SendAsync(HttpClient client, HttpMethod method, string path, object? body = null, int? ifMatch = null, string? trackingCode = null, string? language = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        if (ifMatch is { } version)
        {
            request.Headers.IfMatch.Add(new EntityTagHeaderValue($"\"{version}\""));
        }

        if (trackingCode is not null)
        {
            request.Headers.Add("X-Tracking-Code", trackingCode);
        }

        if (language is not null)
        {
            request.Headers.AcceptLanguage.ParseAdd(language);
        }

        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var json = text.Length > 0 && response.Content.Headers.ContentType?.MediaType is { } media && media.Contains("json", StringComparison.Ordinal)
            ? JsonDocument.Parse(text).RootElement.Clone()
            : default;
        return new Answer(response.StatusCode, json, response.Headers.ETag?.Tag, response.Content.Headers.ContentType?.MediaType, text);
    }

    /// <summary>A staff mutation at the ticket's current version.</summary>
    public async Task<Answer> ActAsync(HttpClient staff, string number, string action, object body)
    {
        var version = await VersionAsync(number);
        return await SendAsync(staff, HttpMethod.Post, $"/api/staff/tickets/{number}/{action}", body, version);
    }

    public async Task<int> VersionAsync(string number)
    {
        var ticket = await App.Services.GetRequiredService<TicketService>().GetAsync(number);
        return ticket!.Version;
    }

    /// <summary>The finance ticket's officer: the one the rules assigned, or the first finance officer, assigned here by the head.</summary>
    public async Task<string> OfficerOfAsync(string number)
    {
        var head = await SignInAsync("head.finance");
        var view = await SendAsync(head, HttpMethod.Get, $"/api/staff/tickets/{number}");
        if (view.Json.GetProperty("officerId").GetString() is { } officer)
        {
            return officer;
        }

        Assert.Equal(HttpStatusCode.OK, (await ActAsync(head, number, "assignment", new { officerId = "officer.finance.1" })).Status);
        return "officer.finance.1";
    }

    public async Task<JsonElement> MoveClockAsync(object move)
    {
        var answer = await SendAsync(Anonymous, HttpMethod.Post, "/api/dev/clock", move);
        Assert.True(answer.Status == HttpStatusCode.OK, answer.Text);
        return answer.Json;
    }

    public static StringContent Json(string text) => new(text, Encoding.UTF8, "application/json");

    /// <summary>A ticket as a staff member reads it through the API (must be 200).</summary>
    public static async Task<JsonElement> StaffViewAsync(HttpClient staff, string number)
    {
        var view = await SendAsync(staff, HttpMethod.Get, $"/api/staff/tickets/{number}");
        Assert.True(view.Status == HttpStatusCode.OK, view.Text);
        return view.Json;
    }

    /// <summary>The actions a staff view offers its reader.</summary>
    public static List<string?> Actions(JsonElement view) => [.. view.GetProperty("actions").EnumerateArray().Select(a => a.GetString())];

    /// <summary>The kinds of the notifications in the user's inbox (first page, newest first) about one ticket.</summary>
    public static async Task<List<string?>> NotificationKindsAsync(HttpClient user, string ticket)
    {
        var inbox = await SendAsync(user, HttpMethod.Get, "/api/staff/notifications");
        Assert.Equal(HttpStatusCode.OK, inbox.Status);
        return [.. inbox.Json.GetProperty("items").EnumerateArray().Where(n => n.GetProperty("ticketNumber").GetString() == ticket).Select(n => n.GetProperty("kind").GetString())];
    }

    /// <summary>The answer is an RFC 9457 problem with this status and <c>code</c>.</summary>
    public static void AssertProblem(Answer answer, HttpStatusCode status, string code)
    {
        ArgumentNullException.ThrowIfNull(answer);
        Assert.True(answer.Status == status, $"{(int)answer.Status} {answer.Text}");
        Assert.Equal("application/problem+json", answer.MediaType);
        Assert.Equal(code, answer.Json.GetProperty("code").GetString());
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients)
        {
            client.Dispose();
        }

        await App.DisposeAsync();
    }
}

public sealed record Submitted(string Number, string TrackingCode, JsonElement Body);

public sealed record Answer(HttpStatusCode Status, JsonElement Json, string? ETag, string? MediaType, string Text)
{
    public bool IsProblem => MediaType == "application/problem+json";
}
