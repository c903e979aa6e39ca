using Assist.Domain.Common;
using Assist.Domain.Tickets;
using Assist.Storage.Attachments;
using Assist.Storage.Directory;
using Assist.Storage.Webhooks;
using Assist.Storage.Workflow;
using Assist.Tests;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Assist.Storage.Tests.Workflow;

/// <summary>
/// The engine on the test run's Azurite with its own storage names, a manual clock and the demo directory seeded:
/// what AddAssistWorkflow builds, wired by hand so a test can swap the dispatcher or give the webhooks a scheduler.
/// </summary>
internal sealed class WorkflowHarness : IDisposable
{
    /// <summary>Thursday 2026-02-12 10:00 China time: the day before the 2026 Spring Festival holiday.</summary>
    public static readonly DateTimeOffset SpringFestivalEve = new(2026, 2, 12, 10, 0, 0, TimeSpan.FromHours(8));

    private WorkflowHarness(AzuriteFixture fixture, DateTimeOffset start, Action<WorkflowOptions>? configure, Func<IOutboxDispatcher, IOutboxDispatcher>? wrapDispatcher, IWebhookScheduler? webhookScheduler, TimeSpan? webhookHandOver)
    {
        Time = new ManualTimeProvider(start);
        Clients = StorageAccountClients.FromConnectionString(fixture.Azurite.ConnectionString);
        var options = new WorkflowOptions { StorageNamePrefix = StorageTestClients.UniqueName("w") };
        configure?.Invoke(options);
        Storage = new WorkflowStorage(Clients, Time, NullLoggerFactory.Instance, Options.Create(options));
        Directory = new DirectoryStore(Storage);
        ReadModels = new ReadModelStore(Storage, Directory);
        Attachments = new AttachmentStore(Storage, Options.Create(new AttachmentOptions { MaxBytes = 64 * 1024 }));
        WebhookStore = new WebhookStore(Storage);
        Webhooks = new WebhookOutbox(Storage, WebhookStore, webhookScheduler, webhookHandOver);
        Dispatcher = new OutboxDispatcher(Storage, Directory, Attachments, Webhooks);
        Service = new TicketService(Storage, Directory, wrapDispatcher?.Invoke(Dispatcher) ?? Dispatcher, Attachments, Webhooks);
    }

    public ManualTimeProvider Time { get; }

    public StorageAccountClients Clients { get; }

    public WorkflowStorage Storage { get; }

    public DirectoryStore Directory { get; }

    public ReadModelStore ReadModels { get; }

    public AttachmentStore Attachments { get; }

    public WebhookStore WebhookStore { get; }

    public WebhookOutbox Webhooks { get; }

    public OutboxDispatcher Dispatcher { get; }

    public TicketService Service { get; }

    public static string SeedJson => File.ReadAllText(RepositoryPaths.Combine("functions", "Assist.Functions", "Seed", "directory.json"));

    public static async Task<WorkflowHarness> StartAsync(
        AzuriteFixture fixture,
        DateTimeOffset? start = null,
        Action<WorkflowOptions>? configure = null,
        Func<IOutboxDispatcher, IOutboxDispatcher>? wrapDispatcher = null,
        IWebhookScheduler? webhookScheduler = null,
        TimeSpan? webhookHandOver = null)
    {
        var harness = new WorkflowHarness(fixture, start ?? SpringFestivalEve, configure, wrapDispatcher, webhookScheduler, webhookHandOver);
        await harness.Storage.EnsureCreatedAsync();
        await harness.Directory.SeedAsync(DirectoryStore.ParseSeed(SeedJson));
        return harness;
    }

    public static EnterpriseForm Form(string topic = "FINANCE", string type = "Help", bool urgent = false, bool confidential = false, ValueList<AttachmentRef>? attachments = null, string enterprise = "深圳市示例科技有限公司") =>
        new(
            enterprise,
            "9144030071526726XG",
            "城关区",
            "制造业",
            "中型",
            null,
            "张经理",
            "13800138000",
            type,
            topic,
            urgent,
            "流动资金贷款审批缓慢",
            "企业申请的流动资金贷款已提交两个月仍未审批，影响原材料采购，请协调。",
            attachments ?? ValueList.Empty<AttachmentRef>(),
            confidential,
            true);

    public async Task<TicketRecord> SubmitAsync(EnterpriseForm? form = null, string? idempotencyKey = null, string? payload = null)
    {
        var result = await Service.SubmitAsync(new SubmitRequest(form ?? Form(), Actor.Enterprise, "hash-of-tracking-code", idempotencyKey, payload));
        return Assert.IsType<SubmitResult.Created>(result).Ticket;
    }

    public async Task<CommandResult.Accepted> DoAsync(string number, TicketCommand command, int? expectedVersion = null)
    {
        var result = await Service.ExecuteAsync(number, _ => command, expectedVersion);
        return result as CommandResult.Accepted
            ?? throw new Xunit.Sdk.XunitException($"{command.GetType().Name} was not accepted: {result}");
    }

    /// <summary>
    /// Moves the clock, then does what the app does after an interval: the repair sweep, and each open ticket's
    /// orchestration looking at it (<see cref="TicketService.AdvanceAsync"/>), which fires whatever came due.
    /// </summary>
    public async Task<HarnessStep> AdvanceAsync(TimeSpan by)
    {
        Time.Advance(by);
        return await StepAsync(Service);
    }

    public async Task<HarnessStep> AdvanceToAsync(DateTimeOffset instant)
    {
        Time.SetUtcNow(instant);
        return await StepAsync(Service);
    }

    /// <summary>A look at every open ticket (eight at a time), then the sweep, on <paramref name="service"/>.</summary>
    public async Task<HarnessStep> StepAsync(TicketService service)
    {
        ArgumentNullException.ThrowIfNull(service);
        var fired = 0;
        await Parallel.ForEachAsync(await OpenTicketsAsync(), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (number, token) =>
            Interlocked.Add(ref fired, (await service.AdvanceAsync(number, token)).TimersFired));
        var sweep = await service.SweepAsync();
        return new HarnessStep(fired, sweep);
    }

    /// <summary>The open tickets of this harness's storage (a test's own tables, so a scan is small).</summary>
    public async Task<List<string>> OpenTicketsAsync()
    {
        var open = new List<string>();
        var heads = Azure.Data.Tables.TableClient.CreateQueryFilter($"RowKey ge {WorkflowKeys.HeadPrefix} and RowKey lt {WorkflowKeys.PrefixEnd(WorkflowKeys.HeadPrefix)}");
        await foreach (var head in Storage.Tickets.QueryAsync<Azure.Data.Tables.TableEntity>(heads))
        {
            if (head.GetString("Status") != nameof(TicketStatus.Closed))
            {
                open.Add(head.PartitionKey);
            }
        }

        return open;
    }

    public void Dispose()
    {
    }
}

/// <summary>What one harness step did: timers the tickets' looks fired, and the sweep's report.</summary>
internal sealed record HarnessStep(int TimersFired, SweepReport Sweep)
{
    public int RowsLeft => Sweep.RowsLeft;

    public int UploadsRemoved => Sweep.UploadsRemoved;

    public int WebhooksScheduled => Sweep.WebhooksScheduled;

    public int SchedulesRepaired => Sweep.SchedulesRepaired;
}
