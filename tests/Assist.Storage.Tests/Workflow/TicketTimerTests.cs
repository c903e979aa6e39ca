using Assist.Domain.Tickets;
using Assist.Storage.Directory;
using Assist.Storage.Workflow;
using Assist.Tests;

namespace Assist.Storage.Tests.Workflow;

/// <summary>
/// Tickets' looks (what each ticket's orchestration runs at its due moments) fire their timers: many tickets at once,
/// each timer once, each ticket's rungs in due order, concurrent looks (at-least-once engine, two instances) once in effect.
/// </summary>
[Collection(UsesAzurite.Name)]
public sealed class TicketTimerTests(AzuriteFixture fixture)
{
    private static readonly TimeSpan China = TimeSpan.FromHours(8);

    /// <summary>Long after every rung of the default ladder (due 28 Feb; red card 5 Mar; HQ mid-March).</summary>
    private static readonly DateTimeOffset LongOverdue = new(2026, 4, 30, 9, 0, 0, China);

    [Fact]
    public async Task AdvanceAsync_ManyTicketsDueInOneBucket_EachTimerFiresOnce()
    {
        using var harness = await WorkflowHarness.StartAsync(fixture, configure: o => o.SweepConcurrency = 8);
        var tickets = await SubmitManyAsync(harness, 30);
        var due = tickets.Select(t => t.State.Departments[0].SignInDue.At).Distinct().Single();

        // Ten hours after the deadline: the department heads' reminders are no longer held for office hours.
        var sweep = await harness.AdvanceToAsync(due.AddHours(10));

        Assert.Equal(tickets.Count, sweep.TimersFired);
        Assert.Equal(0, sweep.RowsLeft);
        foreach (var ticket in tickets)
        {
            var ledger = await harness.Service.GetLedgerAsync(ticket.Number);
            Assert.Single(ledger!.Entries, e => e.Event is EscalationRaised { Rung: EscalationRung.SignInOverdue });
        }

        Assert.Equal(tickets.Count, (await harness.ReadModels.ListNotificationsAsync("head.finance")).Items.Count);
        var again = await harness.AdvanceAsync(TimeSpan.FromMinutes(5));
        Assert.Equal(0, again.TimersFired);
    }

    [Fact]
    public async Task AdvanceAsync_CatchingUpSeveralRungs_EachTicketClimbsInDueOrder()
    {
        using var harness = await WorkflowHarness.StartAsync(fixture, configure: o => o.SweepConcurrency = 4);
        var tickets = await SubmitManyAsync(harness, 8);
        await harness.AdvanceAsync(TimeSpan.Zero);

        // Nobody touches the tickets for weeks: one sweep catches up sign-in, blue, yellow, red and HQ for each.
        var sweep = await harness.AdvanceToAsync(LongOverdue);

        Assert.Equal(0, sweep.RowsLeft);
        foreach (var ticket in tickets)
        {
            var ledger = await harness.Service.GetLedgerAsync(ticket.Number);
            var raised = ledger!.Entries.Select(e => e.Event).OfType<EscalationRaised>().ToList();
            Assert.Equal(
                [EscalationRung.SignInOverdue, EscalationRung.BlueReminder, EscalationRung.YellowCard, EscalationRung.RedCard],
                raised.Select(e => e.Rung));
            Assert.Equal(raised.Select(e => e.DueAt).Order(), raised.Select(e => e.DueAt));
            Assert.IsType<TicketEscalatedToHq>(ledger.Entries.Select(e => e.Event).Last(e => e is EscalationRaised or TicketEscalatedToHq));
        }
    }

    [Fact]
    public async Task AdvanceAsync_TwoInstancesCatchingUpAtOnce_EachEffectOnce()
    {
        using var harness = await WorkflowHarness.StartAsync(fixture, configure: o => o.SweepConcurrency = 8);
        var tickets = await SubmitManyAsync(harness, 10);
        await harness.AdvanceAsync(TimeSpan.Zero);
        var other = OtherInstance(harness);
        harness.Time.SetUtcNow(LongOverdue);

        var reports = await Task.WhenAll(harness.StepAsync(harness.Service), harness.StepAsync(other));

        // Five rungs per ticket (sign-in, blue, yellow, red, HQ), each taking effect on one instance only.
        Assert.Equal(tickets.Count * 5, reports.Sum(r => r.TimersFired));
        foreach (var ticket in tickets)
        {
            var events = (await harness.Service.GetLedgerAsync(ticket.Number))!.Entries.Select(e => e.Event).ToList();
            Assert.Equal(4, events.OfType<EscalationRaised>().DistinctBy(e => e.Rung).Count());
            Assert.Equal(4, events.OfType<EscalationRaised>().Count());
            Assert.Single(events.OfType<TicketEscalatedToHq>());
        }

        var notifications = (await harness.ReadModels.ListNotificationsAsync("head.finance")).Items;
        Assert.Equal(tickets.Count, notifications.Count(n => n.Kind == nameof(EscalationRung.SignInOverdue)));
        Assert.Equal(tickets.Count, notifications.Count(n => n.Kind == nameof(EscalationRung.YellowCard)));
        var again = await harness.AdvanceAsync(TimeSpan.FromMinutes(5));
        Assert.Equal(0, again.TimersFired);
    }

    private static async Task<List<TicketRecord>> SubmitManyAsync(WorkflowHarness harness, int count)
    {
        var tickets = new List<TicketRecord>();
        for (var i = 0; i < count; i++)
        {
            tickets.Add(await harness.SubmitAsync());
        }

        return tickets;
    }

    /// <summary>A second app instance: its own service objects over the same storage and clock.</summary>
    private static TicketService OtherInstance(WorkflowHarness harness)
    {
        var directory = new DirectoryStore(harness.Storage);
        var dispatcher = new OutboxDispatcher(harness.Storage, directory, harness.Attachments, harness.Webhooks);
        return new TicketService(harness.Storage, directory, dispatcher, harness.Attachments, harness.Webhooks);
    }

    private sealed class FailingDispatcher
    {
        public bool FailAll { get; set; }

        public string? FailFor { get; set; }

        public IOutboxDispatcher Wrap(IOutboxDispatcher inner) => new Wrapper(this, inner);

        private sealed class Wrapper(FailingDispatcher owner, IOutboxDispatcher inner) : IOutboxDispatcher
        {
            public Task DispatchAsync(string ticketNumber, CancellationToken cancellationToken = default) =>
                owner.FailAll || owner.FailFor == ticketNumber
                    ? throw new IOException("The read-model store refused this ticket.")
                    : inner.DispatchAsync(ticketNumber, cancellationToken);

            public Task DispatchHistoryAsync(string ticketNumber, CancellationToken cancellationToken = default) =>
                owner.FailAll || owner.FailFor == ticketNumber
                    ? throw new IOException("The read-model store refused this ticket.")
                    : inner.DispatchHistoryAsync(ticketNumber, cancellationToken);
        }
    }
}
