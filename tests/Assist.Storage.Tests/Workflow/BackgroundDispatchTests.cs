using Assist.Domain.Tickets;
using Assist.Storage.Workflow;
using Assist.Tests;

namespace Assist.Storage.Tests.Workflow;

/// <summary>
/// Submissions answered at the commit and projected afterwards by the <see cref="BackgroundDispatcher"/>: the answer
/// does not wait for the projection, the projection happens, and work the process never got to is finished by the sweep.
/// </summary>
[Collection(UsesAzurite.Name)]
public sealed class BackgroundDispatchTests(AzuriteFixture fixture)
{
    [Fact]
    public async Task SubmitAsync_QueueRunning_AnswersBeforeTheProjectionThenProjects()
    {
        using var harness = await WorkflowHarness.StartAsync(fixture);
        var gate = new GatedDispatcher(harness.Dispatcher);
        var queue = new BackgroundDispatcher(harness.Storage);
        var service = new TicketService(harness.Storage, harness.Directory, gate, harness.Attachments, harness.Webhooks, queue);
        using var stopping = new CancellationTokenSource();
        var running = queue.RunAsync(stopping.Token, CancellationToken.None);

        var result = await service.SubmitAsync(new SubmitRequest(WorkflowHarness.Form(), Actor.Enterprise, "hash", null, null));

        // Answered while the projection is still held at the gate: the ticket is committed, not yet on a desk.
        var ticket = Assert.IsType<SubmitResult.Created>(result).Ticket;
        Assert.Equal(1, queue.Pending);
        Assert.NotNull(await service.GetAsync(ticket.Number));
        Assert.Empty(await harness.ReadModels.ListDeskAsync(ticket.State.OfficerId!));

        gate.Open();
        await queue.WhenIdleAsync();

        Assert.Equal(ticket.Number, Assert.Single(await harness.ReadModels.ListDeskAsync(ticket.State.OfficerId!)).Number);
        Assert.Equal(1, gate.Committed);
        // The pending-dispatch marker went with the dispatch: the sweep has nothing to recover.
        Assert.Equal(0, (await harness.AdvanceAsync(TimeSpan.FromMinutes(3))).DispatchesRecovered);
        await stopping.CancelAsync();
        await running;
    }

    [Fact]
    public async Task SubmitAsync_ProcessStopsBeforeTheDispatch_TheSweepFinishesIt()
    {
        using var harness = await WorkflowHarness.StartAsync(fixture);
        var gate = new GatedDispatcher(harness.Dispatcher);
        var queue = new BackgroundDispatcher(harness.Storage);
        var service = new TicketService(harness.Storage, harness.Directory, gate, harness.Attachments, harness.Webhooks, queue);
        using var stopping = new CancellationTokenSource();
        using var abandon = new CancellationTokenSource();
        var running = queue.RunAsync(stopping.Token, abandon.Token);

        var tickets = new List<TicketRecord>();
        for (var i = 0; i < 3; i++)
        {
            tickets.Add(Assert.IsType<SubmitResult.Created>(await service.SubmitAsync(new SubmitRequest(WorkflowHarness.Form(), Actor.Enterprise, "hash", null, null))).Ticket);
        }

        // Shutdown runs out of time while the work is still held: it is abandoned, not done.
        await stopping.CancelAsync();
        await abandon.CancelAsync();
        gate.Open();
        await running;
        Assert.Equal(0, queue.Pending);
        Assert.False(queue.IsRunning);
        Assert.Equal(0, gate.Committed);
        Assert.Empty(await harness.ReadModels.ListDeskAsync(tickets[0].State.OfficerId!));

        var sweep = await harness.AdvanceAsync(TimeSpan.FromMinutes(3));

        Assert.Equal(tickets.Count, sweep.DispatchesRecovered);
        foreach (var ticket in tickets)
        {
            Assert.Contains(await harness.ReadModels.ListDeskAsync(ticket.State.OfficerId!), row => row.Number == ticket.Number);
        }
    }

    [Fact]
    public async Task SubmitAsync_QueueStopped_DispatchesInline()
    {
        using var harness = await WorkflowHarness.StartAsync(fixture);
        var queue = new BackgroundDispatcher(harness.Storage);
        var service = new TicketService(harness.Storage, harness.Directory, harness.Dispatcher, harness.Attachments, harness.Webhooks, queue);

        var ticket = Assert.IsType<SubmitResult.Created>(await service.SubmitAsync(new SubmitRequest(WorkflowHarness.Form(), Actor.Enterprise, "hash", null, null))).Ticket;

        Assert.False(queue.IsRunning);
        Assert.Equal(ticket.Number, Assert.Single(await harness.ReadModels.ListDeskAsync(ticket.State.OfficerId!)).Number);
    }

    /// <summary>Holds every committed-batch dispatch until opened; a cancelled wait is an abandoned dispatch.</summary>
    private sealed class GatedDispatcher(IOutboxDispatcher inner) : IOutboxDispatcher
    {
        private readonly TaskCompletionSource _open = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _committed;

        public int Committed => Volatile.Read(ref _committed);

        public void Open() => _open.TrySetResult();

        public Task DispatchAsync(string ticketNumber, CancellationToken cancellationToken = default) => inner.DispatchAsync(ticketNumber, cancellationToken);

        public async Task DispatchCommittedAsync(CommittedBatch batch, CancellationToken cancellationToken = default)
        {
            await _open.Task.WaitAsync(cancellationToken);
            cancellationToken.ThrowIfCancellationRequested();
            await inner.DispatchCommittedAsync(batch, cancellationToken);
            Interlocked.Increment(ref _committed);
        }
    }
}
