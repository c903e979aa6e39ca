using Assist.Domain.Tickets;
using Assist.Storage.Workflow;
using Assist.Tests;

namespace Assist.Storage.Tests.Workflow;

/// <summary>Crashes, duplicates and concurrent instances: nothing lost, nothing a user can see done twice.</summary>
[Collection(UsesAzurite.Name)]
public sealed class DurabilityTests(AzuriteFixture fixture)
{
    [Fact]
    public async Task SubmitAsync_ProjectionFailedAfterCommit_TheOutboxRowCarriesItAndTheSweepTakesUpTheMarker()
    {
        var crashing = new CrashingDispatcher();
        using var harness = await WorkflowHarness.StartAsync(fixture, wrapDispatcher: inner => crashing.Wrap(inner));

        crashing.Failing = true;
        var ticket = await harness.SubmitAsync();
        crashing.Failing = false;

        Assert.Equal(ticket.Version, (await harness.Service.GetAsync(ticket.Number))!.Version);
        Assert.Empty((await harness.ReadModels.ListDeskAsync(ticket.State.OfficerId!)).Items);
        // Before its grace the marker is left alone: the normal path may still be scheduling it.
        Assert.Equal(0, (await harness.Service.SweepAsync()).SchedulesRepaired);

        // The ticket's first look (its orchestration's first activity) finds the outbox row the commit wrote.
        var look = await harness.Service.AdvanceAsync(ticket.Number);

        Assert.Equal(ticket.Version, look.Version);
        Assert.Equal(ticket.Number, Assert.Single((await harness.ReadModels.ListDeskAsync(ticket.State.OfficerId!)).Items).Number);
        // After the grace the sweep takes up the marker once (here, without an engine, by projecting: a no-op now).
        Assert.Equal(1, (await harness.AdvanceAsync(TimeSpan.FromMinutes(3))).SchedulesRepaired);
        Assert.Equal(0, (await harness.AdvanceAsync(TimeSpan.FromMinutes(3))).SchedulesRepaired);
        Assert.Single((await harness.ReadModels.ListDeskAsync(ticket.State.OfficerId!)).Items);
        var fired = await harness.AdvanceToAsync(ticket.State.Departments[0].SignInDue.At.AddMinutes(5));
        Assert.Equal(1, fired.TimersFired);
    }

    [Fact]
    public async Task DispatchAsync_RunTwice_CountsAndNotifiesOnce()
    {
        using var harness = await WorkflowHarness.StartAsync(fixture);
        var ticket = await harness.SubmitAsync();
        await harness.AdvanceToAsync(ticket.State.Departments[0].SignInDue.At.AddHours(10));
        var version = (await harness.Service.GetAsync(ticket.Number))!.Version;

        // An instance died after carrying out the effects but before deleting the outbox row: put the row back,
        // covering every event, and dispatch it twice (the sweep and the normal path racing).
        var tickets = harness.Clients.Tables.GetTableClient(harness.Storage.Options.StorageNamePrefix + "Tickets");
        await tickets.AddEntityAsync(new Azure.Data.Tables.TableEntity(ticket.Number, WorkflowKeys.Outbox(ticket.Number, version, 0)) { ["FromVersion"] = 1, ["ToVersion"] = version });
        await Task.WhenAll(harness.Dispatcher.DispatchAsync(ticket.Number), harness.Dispatcher.DispatchAsync(ticket.Number));
        await harness.Dispatcher.DispatchAsync(ticket.Number);

        Assert.Single((await harness.ReadModels.ListNotificationsAsync("head.finance")).Items);
        Assert.Equal(1, (await harness.ReadModels.GetMonthCountersAsync(2026, 2))["finance"].SignInsDue);
    }

    [Fact]
    public async Task ExecuteAsync_SameTimerTwice_OneEffect()
    {
        using var harness = await WorkflowHarness.StartAsync(fixture);
        var ticket = await harness.SubmitAsync();
        var due = ticket.State.Departments[0].SignInDue.At;
        harness.Time.SetUtcNow(due.AddMinutes(1));
        TicketCommand Timer(TicketState _) => new TimerElapsed(Actor.System, TimerKind.SignInDue, due, "finance");

        var first = await harness.Service.ExecuteAsync(ticket.Number, Timer);
        var second = await harness.Service.ExecuteAsync(ticket.Number, Timer);

        Assert.IsType<EscalationRaised>(Assert.Single(Assert.IsType<CommandResult.Accepted>(first).NewEvents));
        Assert.Empty(Assert.IsType<CommandResult.Accepted>(second).NewEvents);
        Assert.Equal(ticket.Version + 1, (await harness.Service.GetAsync(ticket.Number))!.Version);
    }

    [Fact]
    public async Task AdvanceAsync_TwoInstancesAtOnce_EachTimerTakesEffectOnce()
    {
        using var harness = await WorkflowHarness.StartAsync(fixture);
        var tickets = new List<TicketRecord>();
        for (var i = 0; i < 4; i++)
        {
            tickets.Add(await harness.SubmitAsync());
        }

        // A second app instance: its own service objects over the same storage and clock.
        var otherDirectory = new Assist.Storage.Directory.DirectoryStore(harness.Storage);
        var otherDispatcher = new OutboxDispatcher(harness.Storage, otherDirectory, harness.Attachments, harness.Webhooks);
        var other = new TicketService(harness.Storage, otherDirectory, otherDispatcher, harness.Attachments, harness.Webhooks);
        harness.Time.SetUtcNow(tickets[0].State.Departments[0].SignInDue.At.AddHours(10));

        // The engine is at-least-once: the same ticket may be looked at twice at once, here by two instances.
        var reports = await Task.WhenAll(harness.StepAsync(harness.Service), harness.StepAsync(other), harness.StepAsync(harness.Service));

        Assert.Equal(tickets.Count, reports.Sum(r => r.TimersFired));
        foreach (var ticket in tickets)
        {
            var ledger = await harness.Service.GetLedgerAsync(ticket.Number);
            Assert.Single(ledger!.Entries, e => e.Event is EscalationRaised { Rung: EscalationRung.SignInOverdue });
        }

        Assert.Equal(tickets.Count, (await harness.ReadModels.ListNotificationsAsync("head.finance")).Items.Count);
        Assert.Equal(0, (await harness.StepAsync(harness.Service)).TimersFired);
    }

    [Fact]
    public async Task AdvanceAsync_SignedInBeforeTheDeadline_TheSignInTimerIsNoLongerHeld()
    {
        using var harness = await WorkflowHarness.StartAsync(fixture);
        var ticket = await harness.SubmitAsync();
        await harness.DoAsync(ticket.Number, new CheckIn(Actor.Staff(ticket.State.OfficerId!), "finance"));

        var step = await harness.AdvanceToAsync(ticket.State.Departments[0].SignInDue.At.AddMinutes(5));

        Assert.Equal(0, step.TimersFired);
        var events = (await harness.Service.GetLedgerAsync(ticket.Number))!.Entries.Select(e => e.Event);
        Assert.DoesNotContain(events, e => e is EscalationRaised { Rung: EscalationRung.SignInOverdue });
    }

    [Fact]
    public async Task BackfillLifecyclesAsync_OpenTicketsFromBefore_MarkedOnceForTheRepairSweep()
    {
        using var harness = await WorkflowHarness.StartAsync(fixture);
        var open = await harness.SubmitAsync();
        var closed = await harness.SubmitAsync();
        await harness.Service.SweepAsync();
        await CloseAsync(harness, closed);

        Assert.Equal(1, await harness.Service.BackfillLifecyclesAsync());
        Assert.Equal(0, await harness.Service.BackfillLifecyclesAsync());
        var sweep = (await harness.AdvanceAsync(TimeSpan.FromMinutes(1))).Sweep;
        Assert.Equal(1, sweep.SchedulesRepaired);
        Assert.Equal(open.Number, Assert.Single(await harness.OpenTicketsAsync()));
    }

    private static async Task CloseAsync(WorkflowHarness harness, TicketRecord ticket)
    {
        var officer = Actor.Staff(ticket.State.OfficerId!);
        await harness.DoAsync(ticket.Number, new CheckIn(officer, "finance"));
        await harness.DoAsync(ticket.Number, new Reply(officer, "已协调银行完成审批。", true));
        await harness.DoAsync(ticket.Number, new Confirm(Actor.Enterprise, SatisfactionRating.Satisfied, null));
    }

    private sealed class CrashingDispatcher
    {
        public bool Failing { get; set; }

        public IOutboxDispatcher Wrap(IOutboxDispatcher inner) => new Wrapper(this, inner);

        private sealed class Wrapper(CrashingDispatcher owner, IOutboxDispatcher inner) : IOutboxDispatcher
        {
            public Task DispatchAsync(string ticketNumber, CancellationToken cancellationToken = default) =>
                owner.Failing ? throw new IOException("The instance died after the commit.") : inner.DispatchAsync(ticketNumber, cancellationToken);

            public Task DispatchHistoryAsync(string ticketNumber, CancellationToken cancellationToken = default) =>
                owner.Failing ? throw new IOException("The instance died after the commit.") : inner.DispatchHistoryAsync(ticketNumber, cancellationToken);
        }
    }
}
