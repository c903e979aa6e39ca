using System.Collections.Concurrent;
using Assist.Functions.Lifecycle;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing;

namespace Assist.Functions.Tests.Lifecycle;

/// <summary>
/// The ticket orchestration on the in-memory <see cref="DurableTaskTestHost"/>, its activity replaced by a script
/// (the unit is the orchestrator: when it looks, how long it waits, when it ends and continues as new).
/// </summary>
public sealed class TicketOrchestrationTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Run_TicketClosedAtTheFirstLook_CompletesWithThatStep()
    {
        var script = new ScriptedTicket { Closed = true };
        await using var host = await StartAsync(script);

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(TicketOrchestration.Name, new TicketLifecycle("T-1"));
        var done = await WaitAsync(host, id);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.True(done.ReadOutputAs<TicketStep>()!.Closed);
        Assert.Equal(1, script.Looks);
    }

    [Fact]
    public async Task Run_NothingHappens_LooksAgainAtTheDueMomentItWasGiven()
    {
        var script = new ScriptedTicket { Wait = TimeSpan.FromSeconds(2) };
        script.OnLook = look => script.Closed = look == 2;
        await using var host = await StartAsync(script);

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(TicketOrchestration.Name, new TicketLifecycle("T-2"));
        var done = await WaitAsync(host, id);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal(2, script.Looks);
        Assert.True(script.LookedAt[1] - script.LookedAt[0] >= TimeSpan.FromSeconds(1.9), $"looked again after {script.LookedAt[1] - script.LookedAt[0]}");
    }

    [Fact]
    public async Task Run_WokenBeforeTheDueMoment_LooksAtOnce()
    {
        var script = new ScriptedTicket { Wait = TimeSpan.FromDays(3) };
        await using var host = await StartAsync(script);
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(TicketOrchestration.Name, new TicketLifecycle("T-3"));
        await script.WaitForLooksAsync(1, Patience);

        script.Closed = true;
        await host.Client.RaiseEventAsync(id, TicketOrchestration.WakeUpEvent, 7);
        var done = await WaitAsync(host, id);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal(2, script.Looks);
    }

    [Fact]
    public async Task Run_ManyWakeUpsWhileContinuingAsNewEveryTwoLooks_NoChangeIsLeftUnseen()
    {
        // durabletask-dotnet #387: events can be lost where ContinueAsNew meets timers. Each change here is committed
        // (the counter) before its wake-up is raised, and the ticket closes only when a look sees the last change.
        // Nothing is due for days, so only a look after the last wake-up can finish it.
        const int Changes = 40;
        var script = new ScriptedTicket { Wait = TimeSpan.FromDays(3) };
        var committed = 0;
        script.OnLook = _ => script.Closed = Volatile.Read(ref committed) == Changes;
        await using var host = await StartAsync(script);
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(TicketOrchestration.Name, new TicketLifecycle("T-4", 0, StepsPerGeneration: 2));
        await script.WaitForLooksAsync(1, Patience);

        for (var change = 1; change <= Changes; change++)
        {
            Interlocked.Increment(ref committed);
            await host.Client.RaiseEventAsync(id, TicketOrchestration.WakeUpEvent, change);
            if (change % 5 == 0)
            {
                await Task.Delay(20);
            }
        }

        var done = await WaitAsync(host, id);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        var status = done.ReadCustomStatusAs<TicketLifecycleStatus>();
        Assert.True(status!.Generation > 0, "The orchestration never continued as new.");
        Assert.Equal(1, script.Routings);
    }

    [Fact]
    public async Task Run_ALookFailsOnce_IsRetriedAndTheTicketCarriesOn()
    {
        var script = new ScriptedTicket { FailuresLeft = 1 };
        script.OnLook = look => script.Closed = true;
        await using var host = await StartAsync(script);

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(TicketOrchestration.Name, new TicketLifecycle("T-5"));
        var done = await WaitAsync(host, id);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal(2, script.Attempts);
    }

    [Fact]
    public async Task Run_InputsOutputsAndStatus_CarryNumbersVersionsAndInstantsOnly()
    {
        var script = new ScriptedTicket { Closed = true };
        await using var host = await StartAsync(script);

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(TicketOrchestration.Name, new TicketLifecycle("2026-0212-7K3M9Q"));
        var done = await WaitAsync(host, id);

        // What Durable keeps in its history, in plain text: every string in it is the ticket number.
        var texts = new[] { done.SerializedInput, done.SerializedOutput, done.SerializedCustomStatus };
        foreach (var text in texts)
        {
            using var json = System.Text.Json.JsonDocument.Parse(text!);
            Assert.All(Strings(json.RootElement), s => Assert.True(s == "2026-0212-7K3M9Q" || DateTimeOffset.TryParse(s, System.Globalization.CultureInfo.InvariantCulture, out _) || TimeSpan.TryParse(s, System.Globalization.CultureInfo.InvariantCulture, out _), s));
        }
    }

    private static IEnumerable<string> Strings(System.Text.Json.JsonElement element) => element.ValueKind switch
    {
        System.Text.Json.JsonValueKind.String => [element.GetString()!],
        System.Text.Json.JsonValueKind.Object => element.EnumerateObject().SelectMany(p => Strings(p.Value)),
        System.Text.Json.JsonValueKind.Array => element.EnumerateArray().SelectMany(Strings),
        _ => [],
    };

    private static Task<DurableTaskTestHost> StartAsync(ScriptedTicket script) =>
        DurableTaskTestHost.StartAsync(registry =>
        {
            registry.AddOrchestratorFunc<TicketLifecycle, TicketStep>(TicketOrchestration.Name, TicketOrchestration.RunAsync);
            registry.AddActivityFunc<string, int>(TicketActivities.Route, (_, ticket) => script.RouteAsync(ticket));
            registry.AddActivityFunc<string, TicketStep>(TicketActivities.Advance, (_, ticket) => script.LookAsync(ticket));
        });

    private static async Task<OrchestrationMetadata> WaitAsync(DurableTaskTestHost host, string id)
    {
        using var timeout = new CancellationTokenSource(Patience);
        return await host.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, timeout.Token);
    }

    /// <summary>A ticket as the activity would find it, scripted by the test.</summary>
    private sealed class ScriptedTicket
    {
        private int _looks;
        private int _attempts;

        public volatile bool Closed;

        public TimeSpan Wait { get; init; } = TimeSpan.FromHours(1);

        public int FailuresLeft { get; set; }

        public Action<int>? OnLook { get; set; }

        public int Looks => Volatile.Read(ref _looks);

        public int Attempts => Volatile.Read(ref _attempts);

        public ConcurrentQueue<DateTimeOffset> LookTimes { get; } = new();

        public IReadOnlyList<DateTimeOffset> LookedAt => [.. LookTimes];

        public int Routings { get; private set; }

        public Task<int> RouteAsync(string ticket)
        {
            Routings++;
            return Task.FromResult(1);
        }

        public Task<TicketStep> LookAsync(string ticket)
        {
            Interlocked.Increment(ref _attempts);
            if (FailuresLeft > 0)
            {
                FailuresLeft--;
                throw new IOException("Storage is away.");
            }

            var look = Interlocked.Increment(ref _looks);
            LookTimes.Enqueue(DateTimeOffset.UtcNow);
            OnLook?.Invoke(look);
            return Task.FromResult(new TicketStep(ticket, look, Closed, Wait, DateTimeOffset.UnixEpoch.AddDays(look), 0));
        }

        public async Task WaitForLooksAsync(int looks, TimeSpan patience)
        {
            using var timeout = new CancellationTokenSource(patience);
            while (Looks < looks)
            {
                await Task.Delay(20, timeout.Token);
            }
        }
    }
}
