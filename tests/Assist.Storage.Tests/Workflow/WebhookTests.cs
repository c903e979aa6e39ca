using System.Collections.Concurrent;
using System.Text.Json;
using Assist.Storage.Webhooks;
using Assist.Storage.Workflow;
using Assist.Tests;
using Microsoft.Extensions.Options;

namespace Assist.Storage.Tests.Workflow;

/// <summary>
/// The webhook receivers on Azurite: their secrets, the delivery log, one attempt against a real loopback receiver,
/// and a ticket's projection leaving its notification for the receivers that want it (the Durable orchestration that
/// retries is tested end to end in the function app's tests).
/// </summary>
[Collection(UsesAzurite.Name)]
public sealed class WebhookTests(AzuriteFixture fixture)
{
    [Fact]
    public async Task CreateAsync_NewReceiver_ShowsTheSecretOnceAndAHintAfterwards()
    {
        using var harness = await WorkflowHarness.StartAsync(fixture);
        var store = harness.WebhookStore;

        var issued = await store.CreateAsync(new WebhookSubscriptionChange("短信网关", new Uri("https://sms.example.cn/hook"), [], Active: true));
        var listed = Assert.Single(await store.ListAsync());
        var rotated = await store.RotateSecretAsync(listed.Id);

        Assert.NotNull(issued);
        Assert.Equal(43, issued.Secret.Length);
        Assert.Equal(listed, issued.Subscription);
        Assert.Equal("…" + issued.Secret[^4..], listed.SecretHint);
        Assert.DoesNotContain(issued.Secret, JsonSerializer.Serialize(listed), StringComparison.Ordinal);
        Assert.NotNull(rotated);
        Assert.NotEqual(issued.Secret, rotated.Secret);
        Assert.Equal("…" + rotated.Secret[^4..], (await store.GetAsync(listed.Id))!.SecretHint);
        Assert.Null(await store.RotateSecretAsync("0123456789abcdef"));
    }

    [Fact]
    public async Task AttemptAsync_ReceiverAnswers500ThenHangsThen200_LogsEachAttemptAndSignsEveryOne()
    {
        using var receiver = new WebhookReceiver();
        receiver.Answer(500, WebhookReceiver.Hang, 200);
        using var harness = await WorkflowHarness.StartAsync(fixture);
        var issued = (await harness.WebhookStore.CreateAsync(new WebhookSubscriptionChange("网关", receiver.Url, ["YellowCard"], Active: true)))!;
        var delivery = Event("2026-0212-AAAAAA", "YellowCard", harness.Time.GetUtcNow());
        var reference = new WebhookDeliveryRef(issued.Subscription.Id, delivery.DeliveryId, await harness.WebhookStore.LogAsync(issued.Subscription.Id, delivery, default));
        using var http = new HttpClient();
        var sender = new WebhookSender(harness.Storage, harness.WebhookStore, http, Options.Create(new WebhookOptions { Timeout = TimeSpan.FromSeconds(1) }));

        var refused = await Assert.ThrowsAsync<WebhookAttemptFailedException>(() => sender.AttemptAsync(reference));
        var afterRefusal = await LogAsync(harness, issued.Subscription.Id);
        var unanswered = await Assert.ThrowsAsync<WebhookAttemptFailedException>(() => sender.AttemptAsync(reference));
        var delivered = await sender.AttemptAsync(reference);
        var again = await sender.AttemptAsync(reference);
        var log = await LogAsync(harness, issued.Subscription.Id);

        Assert.Contains("500", refused.Message, StringComparison.Ordinal);
        Assert.Equal((WebhookDeliveryStatus.Pending, 1, (int?)500), (afterRefusal.Status, afterRefusal.Attempts, afterRefusal.LastStatusCode));
        Assert.Contains("HTTP 500", afterRefusal.LastError, StringComparison.Ordinal);
        Assert.Contains("No answer", unanswered.Message, StringComparison.Ordinal);
        Assert.Equal(WebhookOutcome.Delivered, delivered);
        Assert.Equal(WebhookOutcome.Delivered, again);
        Assert.Equal((WebhookDeliveryStatus.Delivered, 3, (int?)200, (string?)null), (log.Status, log.Attempts, log.LastStatusCode, log.LastError));
        Assert.NotNull(log.DeliveredAt);
        // Three posts (none after the delivery), the same id and body each time, each signed with a fresh timestamp.
        Assert.Equal(3, receiver.Requests.Count);
        Assert.All(receiver.Requests, r =>
        {
            Assert.Equal(delivery.DeliveryId, r.Header(WebhookSignature.DeliveryHeader));
            Assert.Equal("YellowCard", r.Header(WebhookSignature.EventHeader));
            Assert.Equal(receiver.Requests[0].Text, r.Text);
            Assert.True(r.IsSignedWith(issued.Secret, DateTimeOffset.UtcNow), r.Header(WebhookSignature.SignatureHeader));
            Assert.False(r.IsSignedWith("another-secret", DateTimeOffset.UtcNow));
            Assert.False(r.IsSignedWith(issued.Secret, DateTimeOffset.UtcNow.AddMinutes(10)));
        });
        using var body = JsonDocument.Parse(receiver.Requests[0].Body);
        Assert.Equal(delivery.DeliveryId, body.RootElement.GetProperty("deliveryId").GetString());
        Assert.Equal("2026-0212-AAAAAA", body.RootElement.GetProperty("ticketNumber").GetString());
    }

    [Fact]
    public async Task AttemptAsync_ReceiverSwitchedOffMeanwhile_StopsAndLogsTheDeliveryFailed()
    {
        using var receiver = new WebhookReceiver();
        using var harness = await WorkflowHarness.StartAsync(fixture);
        var issued = (await harness.WebhookStore.CreateAsync(new WebhookSubscriptionChange("网关", receiver.Url, [], Active: true)))!;
        var delivery = Event("2026-0212-BBBBBB", "Assigned", harness.Time.GetUtcNow());
        var reference = new WebhookDeliveryRef(issued.Subscription.Id, delivery.DeliveryId, await harness.WebhookStore.LogAsync(issued.Subscription.Id, delivery, default));
        await harness.WebhookStore.UpdateAsync(issued.Subscription.Id, new WebhookSubscriptionChange("网关", receiver.Url, [], Active: false));
        using var http = new HttpClient();
        var sender = new WebhookSender(harness.Storage, harness.WebhookStore, http, Options.Create(new WebhookOptions()));

        var outcome = await sender.AttemptAsync(reference);

        Assert.Equal(WebhookOutcome.Abandoned, outcome);
        Assert.Empty(receiver.Requests);
        Assert.Equal((WebhookDeliveryStatus.Failed, 0), ((await LogAsync(harness, issued.Subscription.Id)).Status, (await LogAsync(harness, issued.Subscription.Id)).Attempts));
    }

    [Fact]
    public async Task ListDeliveriesAsync_ManyDeliveries_NewestFirstAPageAtATime()
    {
        using var harness = await WorkflowHarness.StartAsync(fixture);
        var id = (await harness.WebhookStore.CreateAsync(new WebhookSubscriptionChange("网关", new Uri("https://hooks.example.cn/"), [], Active: true)))!.Subscription.Id;
        var start = harness.Time.GetUtcNow();
        for (var i = 0; i < 5; i++)
        {
            await harness.WebhookStore.LogAsync(id, Event($"T-{i}", "Assigned", start.AddMinutes(i)), default);
        }

        var first = await harness.WebhookStore.ListDeliveriesAsync(id, 2);
        var second = await harness.WebhookStore.ListDeliveriesAsync(id, 2, first.ContinuationToken);
        var third = await harness.WebhookStore.ListDeliveriesAsync(id, 2, second.ContinuationToken);

        Assert.Equal(["T-4-7-Assigned", "T-3-7-Assigned", "T-2-7-Assigned", "T-1-7-Assigned", "T-0-7-Assigned"], first.Items.Concat(second.Items).Concat(third.Items).Select(d => d.DeliveryId));
        Assert.Null(third.ContinuationToken);
        await Assert.ThrowsAsync<ArgumentException>(() => harness.WebhookStore.ListDeliveriesAsync(id, 2, "not-a-token"));
    }

    [Fact]
    public async Task Projection_ConfidentialTicketNotified_LeavesOneDeliveryPerWantingReceiverWithNothingOfTheEnterprise()
    {
        var scheduler = new RecordingScheduler();
        using var harness = await WorkflowHarness.StartAsync(fixture, webhookScheduler: scheduler);
        var wanting = (await harness.WebhookStore.CreateAsync(new WebhookSubscriptionChange("督办短信", new Uri("https://sms.example.cn/hook"), ["SignInOverdue"], Active: true)))!.Subscription;
        var off = (await harness.WebhookStore.CreateAsync(new WebhookSubscriptionChange("停用", new Uri("https://off.example.cn/hook"), [], Active: false)))!.Subscription;
        using var stop = new CancellationTokenSource();
        var pump = harness.Webhooks.PumpAsync(stop.Token);
        var ticket = await harness.SubmitAsync(WorkflowHarness.Form(confidential: true));

        await harness.AdvanceToAsync(ticket.State.Departments[0].SignInDue.At.AddMinutes(5));
        var scheduled = await scheduler.WaitForAsync(1);
        // Projected again (an activity re-run): the same delivery, logged once.
        await harness.Dispatcher.DispatchHistoryAsync(ticket.Number);
        await scheduler.WaitForAsync(2);
        await stop.CancelAsync();
        await pump;

        var delivery = Assert.Single(scheduled);
        Assert.Equal(wanting.Id, delivery.SubscriptionId);
        Assert.EndsWith("-SignInOverdue", delivery.DeliveryId, StringComparison.Ordinal);
        Assert.All(scheduler.Scheduled, d => Assert.Equal(delivery, d));
        var logged = Assert.Single((await harness.WebhookStore.ListDeliveriesAsync(wanting.Id, 10)).Items);
        Assert.Equal((delivery.DeliveryId, WebhookDeliveryStatus.Pending, ticket.Number), (logged.DeliveryId, logged.Status, logged.TicketNumber));
        Assert.Empty((await harness.WebhookStore.ListDeliveriesAsync(off.Id, 10)).Items);
        var body = (await harness.WebhookStore.FindLogAsync(delivery, default))!.GetString("Body")!;
        foreach (var secret in new[] { "深圳市示例科技有限公司", "9144030071526726XG", "王经理", "13800138000", "8000" })
        {
            Assert.DoesNotContain(secret, body, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task SweepAsync_ProcessDiedBeforeItsPumpFannedOut_TheSweepSchedulesTheQueuedDelivery()
    {
        // No pump runs (its process died), and the hand-over lease is over at once.
        var scheduler = new RecordingScheduler();
        using var harness = await WorkflowHarness.StartAsync(fixture, webhookScheduler: scheduler, webhookHandOver: TimeSpan.Zero);
        var receiver = (await harness.WebhookStore.CreateAsync(new WebhookSubscriptionChange("短信", new Uri("https://sms.example.cn/hook"), ["SignInOverdue"], Active: true)))!.Subscription;
        var ticket = await harness.SubmitAsync();

        var step = await harness.AdvanceToAsync(ticket.State.Departments[0].SignInDue.At.AddMinutes(5));
        var again = await harness.AdvanceAsync(TimeSpan.FromMinutes(1));

        Assert.Equal(1, step.WebhooksScheduled);
        Assert.Equal(0, again.WebhooksScheduled);
        var delivery = Assert.Single(scheduler.Scheduled);
        Assert.Equal((receiver.Id, $"{ticket.Number}-"), (delivery.SubscriptionId, delivery.DeliveryId[..(ticket.Number.Length + 1)]));
        Assert.EndsWith("-SignInOverdue", delivery.DeliveryId, StringComparison.Ordinal);
        Assert.Single((await harness.WebhookStore.ListDeliveriesAsync(receiver.Id, 10)).Items);
    }

    private static WebhookEvent Event(string ticket, string kind, DateTimeOffset at) =>
        new($"{ticket}-7-{kind}", kind, ticket, 7, "Yellow card", "黄牌预警", ["head.finance"], at, at, at);

    private static async Task<WebhookDeliveryRecord> LogAsync(WorkflowHarness harness, string subscriptionId) =>
        Assert.Single((await harness.WebhookStore.ListDeliveriesAsync(subscriptionId, 10)).Items);

    /// <summary>The Durable engine's place, recording what would be started: the function app's scheduler starts an orchestration each.</summary>
    private sealed class RecordingScheduler : IWebhookScheduler
    {
        public ConcurrentQueue<WebhookDeliveryRef> Scheduled { get; } = new();

        public Task ScheduleAsync(WebhookDeliveryRef delivery, CancellationToken cancellationToken = default)
        {
            Scheduled.Enqueue(delivery);
            return Task.CompletedTask;
        }

        public async Task<IReadOnlyList<WebhookDeliveryRef>> WaitForAsync(int count)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            while (Scheduled.Count < count)
            {
                Assert.False(timeout.IsCancellationRequested, $"{Scheduled.Count} of {count} deliveries scheduled.");
                await Task.Delay(TimeSpan.FromMilliseconds(50), CancellationToken.None);
            }

            return [.. Scheduled.DistinctBy(d => (d.SubscriptionId, d.DeliveryId))];
        }
    }
}
