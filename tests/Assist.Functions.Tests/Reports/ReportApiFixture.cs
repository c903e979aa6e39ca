using System.Net;
using System.Text.Json;
using Assist.Functions.Security;
using Assist.Functions.Tests.Api;
using Assist.Tests;
using Microsoft.Extensions.DependencyInjection;

namespace Assist.Functions.Tests.Reports;

/// <summary>
/// One app on its own Azurite with a March 2026 of tickets driven through the API and the development clock: a
/// finance ticket confirmed 满意, a tax ticket replied, and a confidential finance ticket left to run overdue
/// until it has a red card. A signed-in client per caller.
/// </summary>
public sealed class ReportApiFixture : IAsyncLifetime
{
    public const string Month = "2026-03";
    public const string SecretEnterprise = "保密测试精密制造有限公司";
    public static readonly string[] StaffUsers = ["officer.finance.1", "head.finance", "supervisor.1", "hq.leader", "admin"];

    /// <summary>A month past December, a fifth quarter, a month zero: malformed in every report parameter.</summary>
    public static readonly string[] MalformedPeriods = ["2026-13", "2026-Q5", "2026-00"];

    public static readonly string[] Languages = ["zh-CN", "en"];

    private AzuriteInstance? _azurite;
    private ApiHarness? _api;

    public ApiHarness Api => _api!;

    public Dictionary<string, HttpClient> Callers { get; } = new(StringComparer.Ordinal);

    public string ConfirmedNumber { get; private set; } = "";

    public string SecretNumber { get; private set; } = "";

    public async Task InitializeAsync()
    {
        _azurite = await AzuriteInstance.StartAsync();
        _api = await ApiHarness.StartAsync(_azurite, new Dictionary<string, string?> { ["DevClock:Start"] = "2026-03-02T09:00:00+08:00" });
        foreach (var user in StaffUsers)
        {
            Callers[user] = await Api.SignInAsync(user);
        }

        var stranger = new HttpClient { BaseAddress = Api.App.BaseAddress };
        stranger.DefaultRequestHeaders.Authorization = new("Bearer", Api.App.Services.GetRequiredService<DevTokenService>().Issue("stranger.not.in.directory").AccessToken);
        Callers["unknown"] = stranger;
        Callers["anonymous"] = Api.Anonymous;

        var confirmed = await Api.SubmitAsync();
        var secretForm = ApiHarness.Form(confidential: true);
        secretForm["enterpriseName"] = SecretEnterprise;
        var secret = await Api.SubmitAsync(secretForm);
        var tax = await Api.SubmitAsync(ApiHarness.Form(topic: "TAX"));
        ConfirmedNumber = confirmed.Number;
        SecretNumber = secret.Number;

        var head = Callers["head.finance"];
        foreach (var number in new[] { confirmed.Number, secret.Number })
        {
            var view = await ApiHarness.SendAsync(head, HttpMethod.Get, $"/api/staff/tickets/{number}");
            if (view.Json.GetProperty("officerId").ValueKind == JsonValueKind.Null)
            {
                Ok(await Api.ActAsync(head, number, "assignment", new { officerId = "officer.finance.1" }));
            }

            Ok(await Api.ActAsync(Callers["officer.finance.1"], number, "check-in", new { }));
        }

        Ok(await Api.ActAsync(Callers["officer.finance.1"], confirmed.Number, "contacts", new { note = "电话联系" }));
        Ok(await Api.ActAsync(Callers["officer.finance.1"], confirmed.Number, "reply", new { answer = "已协调银行", resolved = true }));
        var confirmation = await ApiHarness.SendAsync(Api.Anonymous, HttpMethod.Post, $"/api/tickets/{confirmed.Number}/confirmation", new { rating = "Satisfied" }, trackingCode: confirmed.TrackingCode);
        Assert.True(confirmation.Status == HttpStatusCode.OK, confirmation.Text);
        _ = tax;

        // Step by step (each sweep fires what fell due since the last one) until the secret ticket, due on
        // 11 March, is overdue far enough for a yellow and then a red card.
        foreach (var now in new[] { "2026-03-03T10:00:00+08:00", "2026-03-12T10:00:00+08:00", "2026-03-17T10:00:00+08:00", "2026-03-20T10:00:00+08:00" })
        {
            await Api.MoveClockAsync(new { now });
        }
    }

    public async Task DisposeAsync()
    {
        Callers.GetValueOrDefault("unknown")?.Dispose();
        if (_api is not null)
        {
            await _api.DisposeAsync();
        }

        if (_azurite is not null)
        {
            await _azurite.DisposeAsync();
        }
    }

    private static void Ok(Answer answer) => Assert.True(answer.Status == HttpStatusCode.OK, answer.Text);
}
