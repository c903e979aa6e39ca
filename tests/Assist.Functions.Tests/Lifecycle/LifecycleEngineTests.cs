using System.Net;
using System.Net.Http.Json;
using Assist.Domain.Tickets;
using Assist.Functions.Lifecycle;
using Assist.Functions.Tests.Api;
using Assist.Storage.Workflow;
using Assist.Tests;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Assist.Functions.Tests.Lifecycle;

/// <summary>
/// The ticket orchestrations end to end: the app's own engine (Durable Task Framework, Azure Storage provider) on
/// Azurite, driven through the API as users drive it.
/// </summary>
[Collection(UsesAzurite.Name)]
public sealed class LifecycleEngineTests(AzuriteFixture storage)
{
    // Thursday before the 2026 Spring Festival: the sign-in limit (one working day) ends after the holiday.
    private const string Start = "2026-02-12T09:00:00+08:00";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Restart_AnotherAppOnTheSameStorage_ResumesTheOrchestrationOnTheKeptClock()
    {
        var prefix = "t" + Guid.NewGuid().ToString("N")[..10];
        var settings = new Dictionary<string, string?>
        {
            ["DevClock:Start"] = Start,
            ["Workflow:StorageNamePrefix"] = prefix,
            // A control-queue message the first app had fetched but not yet processed when it stopped (an activity's
            // result, say) stays invisible for this long, as under the Functions host (default 5 minutes); then the
            // second app gets it. Shortened so the test sees that, not the default.
            ["AzureFunctionsJobHost:extensions:durableTask:storageProvider:controlQueueVisibilityTimeout"] = "00:00:20",
        };
        string number;
        DateTimeOffset movedTo;
        await using (var first = await ApiHarness.StartAsync(storage.Azurite, settings))
        {
            number = (await first.SubmitAsync()).Number;
            movedTo = (await first.MoveClockAsync(new { advance = "PT1H" })).GetProperty("now").GetDateTimeOffset();
        }

        await using var second = await ApiHarness.StartAsync(storage.Azurite, settings);

        // The clock resumes where the first app left it (not at DevClock:Start again).
        Assert.True(second.App.Services.GetRequiredService<TimeProvider>().GetUtcNow() >= movedTo);
        var moved = await second.MoveClockAsync(new { now = "2026-02-26T10:00:00+08:00" });
        Assert.True(moved.GetProperty("woken").GetInt32() >= 1);

        // The second app takes the task hub's partitions over (at once after a clean stop; after the lease interval
        // if the first app's leases had to expire) and the orchestration goes on (at once, or once a message the first
        // app had fetched becomes visible again); both can be longer than the clock's wait on a busy machine.
        var tickets = second.App.Services.GetRequiredService<TicketService>();
        using var timeout = new CancellationTokenSource(Patience);
        while (!(await tickets.GetLedgerAsync(number))!.Entries.Any(e => e.Event is EscalationRaised { Rung: EscalationRung.SignInOverdue }))
        {
            await Task.Delay(100, timeout.Token);
        }

        Assert.Single((await tickets.GetLedgerAsync(number))!.Entries, e => e.Event is EscalationRaised { Rung: EscalationRung.SignInOverdue });
    }

    [Fact]
    public async Task Start_LiveOrFinishedInstance_LeftAloneAndCommandsAnswerWhateverTheInstanceIs()
    {
        await using var api = await ApiHarness.StartAsync(storage.Azurite, new Dictionary<string, string?> { ["DevClock:Start"] = Start });
        var client = api.App.Services.GetRequiredService<DurableTaskClient>();
        var lifecycle = api.App.Services.GetRequiredService<DurableTicketLifecycle>();
        var live = await api.SubmitAsync();
        var before = await client.GetInstanceAsync(live.Number);

        // A second start of a live instance is a success, not an overwrite (the local engine and the Durable
        // extension both answer "already exists" for a deduplicated status).
        await lifecycle.EnsureRunningAsync(live.Number, CancellationToken.None);
        var after = await client.GetInstanceAsync(live.Number);
        Assert.Equal(OrchestrationRuntimeStatus.Running, after!.RuntimeStatus);
        Assert.Equal(before!.CreatedAt, after.CreatedAt);

        // Close the ticket: its orchestration ends; starting it again leaves it finished.
        var officer = await api.SignInAsync("officer.finance.1");
        Assert.Equal(HttpStatusCode.OK, (await api.ActAsync(officer, live.Number, "check-in", new { })).Status);
        Assert.Equal(HttpStatusCode.OK, (await api.ActAsync(officer, live.Number, "reply", new { answer = "已协调银行，贷款已放款。", resolved = true })).Status);
        var confirmed = await ApiHarness.SendAsync(api.Anonymous, HttpMethod.Post, $"/api/tickets/{live.Number}/confirmation", new { rating = "Satisfied", comment = "感谢" }, trackingCode: live.TrackingCode);
        Assert.Equal(HttpStatusCode.OK, confirmed.Status);
        using var timeout = new CancellationTokenSource(Patience);
        var finished = await client.WaitForInstanceCompletionAsync(live.Number, getInputsAndOutputs: true, timeout.Token);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, finished.RuntimeStatus);
        Assert.True(finished.ReadOutputAs<TicketStep>()!.Closed);
        await lifecycle.EnsureRunningAsync(live.Number, CancellationToken.None);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, (await client.GetInstanceAsync(live.Number))!.RuntimeStatus);

        // A command whose wake-up finds no running instance (terminated here; raising to a finished instance is
        // dropped by one engine and refused by another) still answers and shows its change.
        var other = await api.SubmitAsync();
        await client.TerminateInstanceAsync(other.Number, "test");
        await client.WaitForInstanceCompletionAsync(other.Number, timeout.Token);
        var owner = (await api.App.Services.GetRequiredService<TicketService>().GetAsync(other.Number))!.State.OfficerId!;
        var signedIn = await api.ActAsync(await api.SignInAsync(owner), other.Number, "check-in", new { });
        Assert.Equal(HttpStatusCode.OK, signedIn.Status);
        Assert.Contains((await api.App.Services.GetRequiredService<ReadModelStore>().ListDeskAsync(owner)).Items, row => row.Number == other.Number && row.Version == signedIn.Json.GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task Repair_SubmissionCommittedButNeverScheduled_TheSweepStartsItsOrchestrationAfterTheGrace()
    {
        await using var api = await ApiHarness.StartAsync(storage.Azurite, new Dictionary<string, string?> { ["DevClock:Start"] = Start });
        var services = api.App.Services;
        // An instance that dies between the commit and the schedule: the same storage, no engine.
        var dying = new TicketService(
            services.GetRequiredService<WorkflowStorage>(),
            services.GetRequiredService<Assist.Storage.Directory.DirectoryStore>(),
            new DyingDispatcher(),
            services.GetRequiredService<Assist.Storage.Attachments.AttachmentStore>(),
            services.GetRequiredService<Assist.Storage.Webhooks.WebhookOutbox>());
        var submitted = await dying.SubmitAsync(new SubmitRequest(
            new EnterpriseForm("深圳市示例科技有限公司", ApiHarness.ValidCreditCode, "高新区", "制造业", "中型", null, "王经理", "13800138000", "Help", "FINANCE", false, "流动资金贷款审批迟迟没有结果", "我司三个月前申请的流动资金贷款至今未获审批，影响原材料采购。", Assist.Domain.Common.ValueList.Empty<AttachmentRef>(), false, true),
            Actor.Enterprise,
            "hash",
            null,
            null));
        var number = Assert.IsType<SubmitResult.Created>(submitted).Ticket.Number;
        var client = services.GetRequiredService<DurableTaskClient>();
        var tickets = services.GetRequiredService<TicketService>();
        Assert.Null(await client.GetInstanceAsync(number));

        Assert.Equal(0, (await tickets.SweepAsync()).SchedulesRepaired);
        await api.MoveClockAsync(new { advance = "PT3M" });
        Assert.Equal(1, (await tickets.SweepAsync()).SchedulesRepaired);

        var instance = await client.GetInstanceAsync(number);
        Assert.NotNull(instance);
        Assert.Equal(0, (await tickets.SweepAsync()).SchedulesRepaired);
        // Its first look projects it: the officer finds it on the desk.
        var officer = Assert.IsType<SubmitResult.Created>(submitted).Ticket.State.OfficerId!;
        using var timeout = new CancellationTokenSource(Patience);
        while (!(await services.GetRequiredService<ReadModelStore>().ListDeskAsync(officer)).Items.Any(row => row.Number == number))
        {
            await Task.Delay(50, timeout.Token);
        }
    }

    [Fact]
    public async Task Look_StorageFailsForAWhile_RetriedWithBackoffShownByHealthThenTheTicketCarriesOn()
    {
        var failing = new SwitchableDispatcher();
        await using var api = await ApiHarness.StartAsync(
            storage.Azurite,
            new Dictionary<string, string?> { ["DevClock:Start"] = Start },
            builder => builder.Services.AddSingleton<IOutboxDispatcher>(sp => failing.Wrap(ActivatorUtilities.CreateInstance<OutboxDispatcher>(sp))));
        failing.Failing = true;
        using var created = await api.Anonymous.PostAsJsonAsync("/api/tickets", ApiHarness.Form());
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var monitor = api.App.Services.GetRequiredService<LifecycleMonitor>();
        using var timeout = new CancellationTokenSource(Patience);
        while (monitor.Failures == 0)
        {
            await Task.Delay(50, timeout.Token);
        }

        var health = await ApiHarness.SendAsync(api.Anonymous, HttpMethod.Get, "/healthz");
        Assert.Equal(HttpStatusCode.OK, health.Status);
        Assert.Equal("degraded", health.Json.GetProperty("status").GetString());
        Assert.True(health.Json.GetProperty("lifecycle").GetProperty("activityFailures").GetInt64() >= 1);

        // Storage is back: the retry (5 s after the first failure) looks at the ticket and projects it.
        failing.Failing = false;
        await api.App.DispatchedAsync();
        Assert.Single((await api.App.Services.GetRequiredService<ReadModelStore>().ListDepartmentQueueAsync("finance")).Items);
    }

    [Fact]
    public async Task Clock_StartedLongAgo_DoesNotSpin()
    {
        // DevClock:Start ten months back (the Spring Festival demo): the app clock runs from there at real speed, so
        // each orchestration waits its due moment out instead of looking again and again.
        await using var api = await ApiHarness.StartAsync(storage.Azurite, new Dictionary<string, string?> { ["DevClock:Start"] = Start });
        await api.SubmitAsync();
        await api.SubmitAsync();
        var monitor = api.App.Services.GetRequiredService<LifecycleMonitor>();

        await Task.Delay(TimeSpan.FromSeconds(5));

        Assert.InRange(monitor.Looks, 2, 4);
    }

    /// <summary>Fails every projection, as an instance that dies right after its commit.</summary>
    private sealed class DyingDispatcher : IOutboxDispatcher
    {
        public Task DispatchAsync(string ticketNumber, CancellationToken cancellationToken = default) => throw new IOException("The instance died.");

        public Task DispatchHistoryAsync(string ticketNumber, CancellationToken cancellationToken = default) => throw new IOException("The instance died.");
    }

    private sealed class SwitchableDispatcher
    {
        public volatile bool Failing;

        public IOutboxDispatcher Wrap(IOutboxDispatcher inner) => new Wrapper(this, inner);

        private sealed class Wrapper(SwitchableDispatcher owner, IOutboxDispatcher inner) : IOutboxDispatcher
        {
            public Task DispatchAsync(string ticketNumber, CancellationToken cancellationToken = default) =>
                owner.Failing ? throw new IOException("Storage is away.") : inner.DispatchAsync(ticketNumber, cancellationToken);

            public Task DispatchHistoryAsync(string ticketNumber, CancellationToken cancellationToken = default) =>
                owner.Failing ? throw new IOException("Storage is away.") : inner.DispatchHistoryAsync(ticketNumber, cancellationToken);
        }
    }
}
