using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Assist.Functions.Lifecycle;
using Assist.Storage.Webhooks;
using Assist.Tests;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Assist.Functions.Tests.Api;

/// <summary>
/// Webhook receivers end to end on the local host: an administrator configures one through the API, tickets' notifications
/// reach a real loopback receiver signed as the README's example receiver checks, the Durable engine retries a refusal,
/// a hanging receiver costs the ticket nothing, and the log, "send test", rotation and removal do what they say.
/// </summary>
[Collection(UsesAzurite.Name)]
public sealed class WebhookTests(AzuriteFixture storage)
{
    /// <summary>Short retries and timeouts, so a refusal is retried and a hang given up within a test.</summary>
    private static readonly Dictionary<string, string?> Settings = new()
    {
        ["Webhooks:FirstRetryInterval"] = "00:00:01",
        ["Webhooks:MaxRetryInterval"] = "00:00:02",
        ["Webhooks:Timeout"] = "00:00:02",
        ["Webhooks:MaxAttempts"] = "3",
    };

    private static readonly string[] UnknownKind = ["Nope"];
    private static readonly string[] AssignedOnly = ["Assigned"];
    private static readonly string[] EnterpriseIdentity = ["深圳市示例科技有限公司", ApiHarness.ValidCreditCode, "王经理", "13800138000", "138****8000"];

    [Fact]
    public async Task Webhooks_ReceiverRefusesOnceThenAccepts_ConfidentialTicketsAssignmentArrivesSignedRetriedAndLogged()
    {
        using var receiver = new WebhookReceiver();
        receiver.Answer(500);
        await using var api = await ApiHarness.StartAsync(storage.Azurite, Settings);
        var admin = await api.SignInAsync("admin");

        var bad = await ApiHarness.SendAsync(admin, HttpMethod.Post, "/api/admin/webhooks", new { name = "", url = "ftp://sms.example.cn/hook", events = UnknownKind });
        var created = await ApiHarness.SendAsync(admin, HttpMethod.Post, "/api/admin/webhooks", new { name = "短信网关", url = receiver.Url.AbsoluteUri, events = AssignedOnly });
        var secret = created.Json.GetProperty("secret").GetString()!;
        var id = created.Json.GetProperty("subscription").GetProperty("id").GetString()!;
        var listed = await ApiHarness.SendAsync(admin, HttpMethod.Get, "/api/admin/webhooks");
        var ticket = await api.SubmitAsync(ApiHarness.Form(confidential: true));
        var posts = await receiver.WaitForAsync(r => r.Text.Contains(ticket.Number, StringComparison.Ordinal), count: 2);
        var log = await LogWhenAsync(admin, id, d => d.GetProperty("status").GetString() == nameof(WebhookDeliveryStatus.Delivered));

        Assert.Equal(HttpStatusCode.BadRequest, bad.Status);
        Assert.Equal("application/problem+json", bad.MediaType);
        var errors = bad.Json.GetProperty("errors");
        Assert.True(errors.TryGetProperty("name", out _) && errors.TryGetProperty("url", out _) && errors.TryGetProperty("events", out _), bad.Text);
        Assert.Equal(HttpStatusCode.Created, created.Status);
        Assert.Equal("…" + secret[^4..], Assert.Single(listed.Json.EnumerateArray()).GetProperty("secretHint").GetString());
        Assert.DoesNotContain(secret, listed.Text, StringComparison.Ordinal);

        // Refused once, accepted on the engine's retry: the same delivery id and body, each post signed afresh.
        Assert.Equal([500, 200], posts.Select(p => p.Answered));
        var deliveryId = $"{ticket.Number}-";
        Assert.All(posts, p =>
        {
            Assert.StartsWith(deliveryId, p.Header(WebhookSignature.DeliveryHeader), StringComparison.Ordinal);
            Assert.EndsWith("-Assigned", p.Header(WebhookSignature.DeliveryHeader), StringComparison.Ordinal);
            Assert.Equal(posts[0].Header(WebhookSignature.DeliveryHeader), p.Header(WebhookSignature.DeliveryHeader));
            Assert.Equal("Assigned", p.Header(WebhookSignature.EventHeader));
            Assert.Equal(posts[0].Text, p.Text);
            Assert.True(p.IsSignedWith(secret, DateTimeOffset.UtcNow), p.Header(WebhookSignature.SignatureHeader));
            foreach (var identity in EnterpriseIdentity)
            {
                Assert.DoesNotContain(identity, p.Text, StringComparison.Ordinal);
            }
        });
        using var body = JsonDocument.Parse(posts[0].Body);
        Assert.Equal(ticket.Number, body.RootElement.GetProperty("ticketNumber").GetString());
        Assert.Equal("Assigned", body.RootElement.GetProperty("kind").GetString());
        Assert.NotEqual(0, body.RootElement.GetProperty("recipients").GetArrayLength());
        Assert.Equal(posts[0].Header(WebhookSignature.DeliveryHeader), log.GetProperty("deliveryId").GetString());
        Assert.Equal(2, log.GetProperty("attempts").GetInt32());
        Assert.Equal(200, log.GetProperty("lastStatusCode").GetInt32());
        using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var instance = await Durable(api).WaitForInstanceCompletionAsync($"webhook-{id}-{log.GetProperty("deliveryId").GetString()}", getInputsAndOutputs: true, wait.Token);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, instance.RuntimeStatus);
        Assert.Equal(WebhookOutcome.Delivered, instance.ReadOutputAs<WebhookOutcome>());
    }

    [Fact]
    public async Task Webhooks_ReceiverHangs_TheTicketsNextActionCompletesAndItsOrchestrationCarriesOn()
    {
        using var receiver = new WebhookReceiver();
        receiver.Answer(WebhookReceiver.Hang, WebhookReceiver.Hang, WebhookReceiver.Hang, WebhookReceiver.Hang, WebhookReceiver.Hang, WebhookReceiver.Hang);
        await using var api = await ApiHarness.StartAsync(storage.Azurite, Settings);
        var admin = await api.SignInAsync("admin");
        var created = await ApiHarness.SendAsync(admin, HttpMethod.Post, "/api/admin/webhooks", new { name = "挂起的网关", url = receiver.Url.AbsoluteUri });
        var id = created.Json.GetProperty("subscription").GetProperty("id").GetString()!;
        var ticket = await api.SubmitAsync();
        await receiver.WaitForAsync(r => r.Text.Contains(ticket.Number, StringComparison.Ordinal));
        var officer = await api.SignInAsync(await api.OfficerOfAsync(ticket.Number));
        var before = await api.VersionAsync(ticket.Number);

        // The receiver holds the assignment's post open: the officer's check-in goes through regardless.
        var checkIn = await api.ActAsync(officer, ticket.Number, "check-in", new { });
        var view = await ApiHarness.SendAsync(officer, HttpMethod.Get, $"/api/staff/tickets/{ticket.Number}");
        var lifecycle = await Durable(api).GetInstanceAsync(ticket.Number);
        var log = await LogWhenAsync(admin, id, d => d.GetProperty("attempts").GetInt32() >= 1);

        Assert.True(checkIn.Status == HttpStatusCode.OK, checkIn.Text);
        Assert.Equal(before + 1, checkIn.Json.GetProperty("version").GetInt32());
        Assert.Equal(before + 1, view.Json.GetProperty("version").GetInt32());
        Assert.Equal(OrchestrationRuntimeStatus.Running, lifecycle?.RuntimeStatus);
        Assert.Contains("No answer", log.GetProperty("lastError").GetString(), StringComparison.Ordinal);
        Assert.NotEqual(nameof(WebhookDeliveryStatus.Delivered), log.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Webhooks_SendTestRotateAndDelete_TestArrivesSignedWithTheCurrentSecretAndRemovalStopsIt()
    {
        using var receiver = new WebhookReceiver();
        await using var api = await ApiHarness.StartAsync(storage.Azurite, Settings);
        var admin = await api.SignInAsync("admin");
        var created = await ApiHarness.SendAsync(admin, HttpMethod.Post, "/api/admin/webhooks", new { name = "测试", url = receiver.Url.AbsoluteUri, active = false });
        var id = created.Json.GetProperty("subscription").GetProperty("id").GetString()!;
        var first = created.Json.GetProperty("secret").GetString()!;

        var test = await ApiHarness.SendAsync(admin, HttpMethod.Post, $"/api/admin/webhooks/{id}/test");
        var testId = test.Json.GetProperty("deliveryId").GetString()!;
        var arrived = Assert.Single(await receiver.WaitForAsync(r => r.Header(WebhookSignature.DeliveryHeader) == testId));
        var rotated = await ApiHarness.SendAsync(admin, HttpMethod.Post, $"/api/admin/webhooks/{id}/secret");
        var second = rotated.Json.GetProperty("secret").GetString()!;
        var retest = await ApiHarness.SendAsync(admin, HttpMethod.Post, $"/api/admin/webhooks/{id}/test");
        var retestId = retest.Json.GetProperty("deliveryId").GetString()!;
        var rearrived = Assert.Single(await receiver.WaitForAsync(r => r.Header(WebhookSignature.DeliveryHeader) == retestId));
        var log = await LogWhenAsync(admin, id, d => d.GetProperty("deliveryId").GetString() == retestId && d.GetProperty("status").GetString() == nameof(WebhookDeliveryStatus.Delivered));
        var updated = await ApiHarness.SendAsync(admin, HttpMethod.Put, $"/api/admin/webhooks/{id}", new { name = "测试", url = "https://sms.example.cn/hook#x", events = Array.Empty<string>() });
        var deleted = await ApiHarness.SendAsync(admin, HttpMethod.Delete, $"/api/admin/webhooks/{id}");
        var gone = await ApiHarness.SendAsync(admin, HttpMethod.Post, $"/api/admin/webhooks/{id}/test");
        var badPage = await ApiHarness.SendAsync(admin, HttpMethod.Get, $"/api/admin/webhooks/{id}/deliveries?pageSize=0");

        Assert.Equal(HttpStatusCode.Accepted, test.Status);
        Assert.Equal(WebhookEvent.TestKind, arrived.Header(WebhookSignature.EventHeader));
        Assert.True(arrived.IsSignedWith(first, DateTimeOffset.UtcNow));
        Assert.NotEqual(first, second);
        Assert.True(rearrived.IsSignedWith(second, DateTimeOffset.UtcNow));
        Assert.False(rearrived.IsSignedWith(first, DateTimeOffset.UtcNow));
        Assert.Equal(WebhookEvent.TestKind, log.GetProperty("kind").GetString());
        Assert.Equal(1, log.GetProperty("attempts").GetInt32());
        Assert.Equal(HttpStatusCode.BadRequest, updated.Status);
        Assert.True(updated.Json.GetProperty("errors").TryGetProperty("url", out _), updated.Text);
        Assert.Equal(HttpStatusCode.NoContent, deleted.Status);
        Assert.Equal(HttpStatusCode.NotFound, gone.Status);
        Assert.Equal("application/problem+json", gone.MediaType);
        Assert.Equal(HttpStatusCode.BadRequest, badPage.Status);
        Assert.True(badPage.Json.GetProperty("errors").TryGetProperty("pageSize", out _), badPage.Text);
    }

    [Fact]
    public async Task ManagePage_Webhooks_AddShowsTheSecretOnceSendTestLogsTheDeliveryInBothLanguages()
    {
        using var receiver = new WebhookReceiver();
        await using var api = await ApiHarness.StartAsync(storage.Azurite, Settings);
        using var browser = await AdminBrowserAsync(api);
        var empty = await browser.GetStringAsync("/manage");

        var refused = await PostAsync(browser, "Webhook", empty, new() { ["name"] = "网关", ["url"] = "https://user:pw@sms.example.cn/hook", ["active"] = "true" });
        var added = await PostAsync(browser, "Webhook", empty, new() { ["name"] = "微信网关", ["url"] = receiver.Url.AbsoluteUri, ["active"] = "true", ["events"] = "RedCard" });
        var secret = Regex.Match(added, "value=\"([^\"]+)\" data-testid=\"webhook-secret\"").Groups[1].Value;
        var id = Regex.Match(added, "data-webhook-id=\"([0-9a-f]{16})\"").Groups[1].Value;
        var tested = await PostAsync(browser, "WebhookTest", added, new() { ["id"] = id });
        var arrived = Assert.Single(await receiver.WaitForAsync(r => r.Header(WebhookSignature.EventHeader) == WebhookEvent.TestKind));
        await LogWhenAsync(browser, id, d => d.GetProperty("status").GetString() == nameof(WebhookDeliveryStatus.Delivered));
        var chinese = await browser.GetStringAsync("/manage");
        using var english = new HttpRequestMessage(HttpMethod.Get, "/manage");
        english.Headers.AcceptLanguage.ParseAdd("en");
        var englishPage = await (await browser.SendAsync(english)).Content.ReadAsStringAsync();
        var reloaded = await browser.GetStringAsync("/manage");

        Assert.Contains("data-testid=\"webhooks-none\"", empty, StringComparison.Ordinal);
        Assert.Contains("接收地址中不得包含用户名或密码", refused, StringComparison.Ordinal);
        Assert.Equal(43, secret.Length);
        Assert.True(arrived.IsSignedWith(secret, DateTimeOffset.UtcNow));
        Assert.Contains("测试推送已发出", tested, StringComparison.Ordinal);
        Assert.Contains("微信网关", chinese, StringComparison.Ordinal);
        Assert.Contains("红牌督办：已超期", chinese, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"webhook-status\">已送达<", chinese, StringComparison.Ordinal);
        Assert.Contains("Red card: overdue", englishPage, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"webhook-status\">Delivered<", englishPage, StringComparison.Ordinal);
        Assert.Contains("Latest deliveries", englishPage, StringComparison.Ordinal);
        // Shown once: the page never shows the secret again, only its hint.
        Assert.DoesNotContain(secret, reloaded, StringComparison.Ordinal);
        Assert.Contains("…" + secret[^4..], reloaded, StringComparison.Ordinal);
    }

    /// <summary>Posts a manage-page form with the page's anti-forgery token; returns the page answered (after a redirect, the page it leads to).</summary>
    private static async Task<string> PostAsync(HttpClient browser, string handler, string page, Dictionary<string, string> fields)
    {
        fields["__RequestVerificationToken"] = Regex.Match(page, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        using var form = new FormUrlEncodedContent(fields);
        using var response = await browser.PostAsync($"/manage?handler={handler}", form);
        return response.StatusCode == HttpStatusCode.Redirect
            ? await browser.GetStringAsync(response.Headers.Location)
            : await response.Content.ReadAsStringAsync();
    }

    /// <summary>The administrator's browser: bearer token, cookies (anti-forgery), redirects followed by hand (a followed redirect drops the token).</summary>
    private static async Task<HttpClient> AdminBrowserAsync(ApiHarness api)
    {
        using var issued = await api.Anonymous.PostAsJsonAsync("/api/dev/token", new { user = "admin" });
        var token = (await issued.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() }) { BaseAddress = api.App.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private static DurableTaskClient Durable(ApiHarness api) => api.App.Services.GetRequiredService<DurableClients>().Current;

    /// <summary>The receiver's newest delivery matching <paramref name="done"/>, read from the API's log until one does (the log is written after the post).</summary>
    private static async Task<JsonElement> LogWhenAsync(HttpClient admin, string id, Func<JsonElement, bool> done)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (true)
        {
            var page = await ApiHarness.SendAsync(admin, HttpMethod.Get, $"/api/admin/webhooks/{id}/deliveries?pageSize=20");
            Assert.True(page.Status == HttpStatusCode.OK, page.Text);
            if (page.Json.GetProperty("items").EnumerateArray().FirstOrDefault(done) is { ValueKind: JsonValueKind.Object } found)
            {
                return found;
            }

            Assert.False(timeout.IsCancellationRequested, "The delivery log never showed the expected delivery: " + page.Text);
            await Task.Delay(TimeSpan.FromMilliseconds(200), CancellationToken.None);
        }
    }
}
