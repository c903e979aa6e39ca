using Assist.Functions.Lifecycle;
using Assist.Storage.Webhooks;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing;

namespace Assist.Functions.Tests.Lifecycle;

/// <summary>
/// The delivery orchestration on the in-memory <see cref="DurableTaskTestHost"/>, its activities replaced by a script
/// (the unit is the orchestrator: how often it posts, and that it marks the delivery failed when the attempts run out).
/// </summary>
public sealed class WebhookOrchestrationTests
{
    private static readonly WebhookDeliveryRef Delivery = new("0123456789abcdef", "2026-0212-AAAAAA-5-Assigned", "key");

    [Fact]
    public async Task Run_ReceiverRefusesTwiceThenAccepts_PostsThreeTimesAndDelivers()
    {
        var script = new ScriptedReceiver { Refusals = 2 };
        await using var host = await StartAsync(script);

        var done = await RunAsync(host, new WebhookDeliveryTask(Delivery, MaxAttempts: 5, TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(200)));

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal(WebhookOutcome.Delivered, done.ReadOutputAs<WebhookOutcome>());
        Assert.Equal(3, script.Posts);
        Assert.Equal(0, script.GaveUp);
    }

    [Fact]
    public async Task Run_ReceiverAlwaysRefuses_StopsAtTheLastAttemptAndMarksTheDeliveryFailed()
    {
        var script = new ScriptedReceiver { Refusals = int.MaxValue };
        await using var host = await StartAsync(script);

        var done = await RunAsync(host, new WebhookDeliveryTask(Delivery, MaxAttempts: 3, TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(200)));

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal(WebhookOutcome.Failed, done.ReadOutputAs<WebhookOutcome>());
        Assert.Equal(3, script.Posts);
        Assert.Equal(1, script.GaveUp);
    }

    private static Task<DurableTaskTestHost> StartAsync(ScriptedReceiver script) =>
        DurableTaskTestHost.StartAsync(registry =>
        {
            registry.AddOrchestratorFunc<WebhookDeliveryTask, WebhookOutcome>(WebhookOrchestration.Name, WebhookOrchestration.RunAsync);
            registry.AddActivityFunc<WebhookDeliveryRef, WebhookOutcome>(WebhookActivities.Post, (_, delivery) => script.Post(delivery));
            registry.AddActivityFunc<WebhookDeliveryRef, bool>(WebhookActivities.GiveUp, (_, delivery) => script.GiveUp(delivery));
        });

    private static async Task<OrchestrationMetadata> RunAsync(DurableTaskTestHost host, WebhookDeliveryTask task)
    {
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(WebhookOrchestration.Name, task, new StartOrchestrationOptions(WebhookOrchestration.InstanceId(task.Delivery)));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        return await host.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, timeout.Token);
    }

    /// <summary>A receiver as the posting activity would find it: refuses so many times, then accepts.</summary>
    private sealed class ScriptedReceiver
    {
        private int _posts;
        private int _gaveUp;

        public int Refusals { get; init; }

        public int Posts => Volatile.Read(ref _posts);

        public int GaveUp => Volatile.Read(ref _gaveUp);

        public WebhookOutcome Post(WebhookDeliveryRef delivery)
        {
            Assert.Equal(Delivery, delivery);
            return Interlocked.Increment(ref _posts) <= Refusals
                ? throw new WebhookAttemptFailedException("HTTP 500 Internal Server Error")
                : WebhookOutcome.Delivered;
        }

        public bool GiveUp(WebhookDeliveryRef delivery)
        {
            Assert.Equal(Delivery, delivery);
            Interlocked.Increment(ref _gaveUp);
            return true;
        }
    }
}
