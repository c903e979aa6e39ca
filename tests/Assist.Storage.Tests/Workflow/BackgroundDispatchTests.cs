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
        await using var gated = await RunningQueue.GatedAsync(fixture);
        var (harness, gate, queue, service) = (gated.Harness, gated.Gate!, gated.Queue, gated.Service);

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
    public async Task Sweep_SubmissionStillQueuedHerePastItsGrace_LeftToTheWorker()
    {
        await using var gated = await RunningQueue.GatedAsync(fixture);
        var (harness, gate, queue, service) = (gated.Harness, gated.Gate!, gated.Queue, gated.Service);
        var ticket = (await SubmitAsync(service)).Number;

        // A long burst: the marker's grace passes while the submission is still held in this process's queue.
        harness.Time.Advance(TimeSpan.FromMinutes(3));
        var swept = await service.SweepAsync();

        Assert.Equal(0, swept.DispatchesRecovered);
        Assert.True(queue.Holds(ticket));
        Assert.Equal(1, swept.RowsLeft);
        gate.Open();
        await queue.WhenIdleAsync();
        Assert.False(queue.Holds(ticket));
        Assert.Equal(1, gate.Committed);
        // Projected once, by the worker, which also took the marker away.
        swept = await service.SweepAsync();
        Assert.Equal(0, swept.DispatchesRecovered);
        Assert.Equal(0, swept.RowsLeft);
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

    [Fact]
    public async Task SubmitAsync_Burst_AnsweredFirstAndProjectedWhenIntakePauses()
    {
        await using var paced = await RunningQueue.PacedAsync(fixture, TimeSpan.FromMinutes(1));
        var (harness, pacing, queue, service) = (paced.Harness, paced.Pacing, paced.Queue, paced.Service);

        // Four submissions a second for five seconds: a burst (more than two a second), so nothing is projected yet.
        var tickets = new List<TicketRecord>();
        for (var i = 0; i < 20; i++)
        {
            tickets.Add(await SubmitAsync(service));
            pacing.Advance(TimeSpan.FromMilliseconds(250));
            await Task.Delay(TimeSpan.FromMilliseconds(20));
        }

        await Task.Delay(TimeSpan.FromMilliseconds(300));
        Assert.Equal(tickets.Count, queue.Pending);
        Assert.Empty(await harness.ReadModels.ListDeskAsync(tickets[0].State.OfficerId!));

        // Intake pauses for four lingers: the burst is over and all of it is projected.
        pacing.Advance(TimeSpan.FromSeconds(4));
        await UntilAsync(() => Task.FromResult(queue.Pending == 0), pacing, TimeSpan.FromSeconds(1));
        foreach (var ticket in tickets)
        {
            Assert.Contains(await harness.ReadModels.ListDeskAsync(ticket.State.OfficerId!), row => row.Number == ticket.Number);
        }
    }

    [Fact]
    public async Task SubmitAsync_BurstGoesOnPastTheMaxDelay_ProjectedAlongsideIntake()
    {
        await using var paced = await RunningQueue.PacedAsync(fixture, TimeSpan.FromSeconds(3));
        var (harness, pacing, service) = (paced.Harness, paced.Pacing, paced.Service);

        var first = await SubmitAsync(service);
        for (var i = 0; i < 12; i++)
        {
            pacing.Advance(TimeSpan.FromMilliseconds(250));
            await SubmitAsync(service);
        }

        // The burst has not paused (the clock moves less than four lingers from here), but the first submission has
        // waited three seconds: it is projected now.
        await UntilAsync(async () => (await harness.ReadModels.ListDeskAsync(first.State.OfficerId!)).Any(row => row.Number == first.Number), pacing, TimeSpan.FromMilliseconds(400));
    }

    [Fact]
    public async Task SubmitAsync_SlowIntake_ProjectedALingerAfterArriving()
    {
        await using var paced = await RunningQueue.PacedAsync(fixture, TimeSpan.FromMinutes(1));
        var (harness, pacing, service) = (paced.Harness, paced.Pacing, paced.Service);

        // One submission every 0.9 s never leaves a linger's pause, but is no burst: each is projected a linger after it came.
        var first = await SubmitAsync(service);
        pacing.Advance(TimeSpan.FromMilliseconds(900));
        await SubmitAsync(service);
        pacing.Advance(TimeSpan.FromMilliseconds(200));

        // Long before intake pauses for a linger (the clock stays under 1.4 s): projected as no burst.
        await UntilAsync(async () => (await harness.ReadModels.ListDeskAsync(first.State.OfficerId!)).Any(row => row.Number == first.Number), pacing, TimeSpan.FromMilliseconds(300));
    }

    [Theory]
    // queued, oldest waited (ms), quiet for (ms) → wait (ms); linger 1 s, burst above 2/s, max delay 30 s, high water 1,000.
    [InlineData(1, 0, 0, 1000)] // a lone submission gathers for a linger
    [InlineData(1, 400, 400, 600)]
    [InlineData(1, 1000, 1000, 0)] // …then goes
    [InlineData(10, 2000, 100, 3900)] // 5/s is a burst still arriving: wait for a pause of four lingers
    [InlineData(10, 2000, 1000, 3000)] // a pause of one linger is a hiccup, not the end of the burst
    [InlineData(20, 6000, 4000, 0)] // the burst (3.3/s) paused
    [InlineData(100, 29_500, 100, 500)] // the oldest is due before the pause would come
    [InlineData(100, 30_000, 0, 0)] // the oldest has waited the max delay (3.3/s is still a burst)
    [InlineData(1000, 0, 0, 0)] // the high water mark (three quarters of the buffer) is reached
    [InlineData(3, 2000, 100, 0)] // 1.5/s is no burst: project
    public void DispatchPacing_Wait_FollowsTheRules(int queued, int oldestMs, int quietMs, int expectedMs)
    {
        var pacing = new DispatchPacing(TimeSpan.FromSeconds(1), 2, TimeSpan.FromSeconds(30), 1000);

        var wait = pacing.Wait(queued, TimeSpan.FromMilliseconds(oldestMs), TimeSpan.FromMilliseconds(quietMs));

        Assert.Equal(TimeSpan.FromMilliseconds(expectedMs), wait < TimeSpan.Zero ? TimeSpan.Zero : wait);
    }

    /// <summary>
    /// A running queue and a ticket service on it: paced by a manual clock (linger 1 s, a burst above 2 a second), or
    /// with every projection held at a gate. Disposing stops the queue and waits for its workers.
    /// </summary>
    private sealed class RunningQueue : IAsyncDisposable
    {
        private readonly CancellationTokenSource _stopping = new();
        private readonly Task _running;

        private RunningQueue(WorkflowHarness harness, GatedDispatcher? gate)
        {
            Harness = harness;
            Gate = gate;
            Queue = gate is null ? new BackgroundDispatcher(harness.Storage, Pacing) : new BackgroundDispatcher(harness.Storage);
            Service = new TicketService(harness.Storage, harness.Directory, gate ?? (IOutboxDispatcher)harness.Dispatcher, harness.Attachments, harness.Webhooks, Queue);
            _running = Queue.RunAsync(_stopping.Token, CancellationToken.None);
        }

        public WorkflowHarness Harness { get; }

        public GatedDispatcher? Gate { get; }

        public ManualTimeProvider Pacing { get; } = new(WorkflowHarness.SpringFestivalEve);

        public BackgroundDispatcher Queue { get; }

        public TicketService Service { get; }

        public static async Task<RunningQueue> PacedAsync(AzuriteFixture fixture, TimeSpan maxDelay) =>
            new(await WorkflowHarness.StartAsync(fixture, configure: options =>
            {
                options.BackgroundDispatchLinger = TimeSpan.FromSeconds(1);
                options.BackgroundDispatchBurstRate = 2;
                options.BackgroundDispatchMaxDelay = maxDelay;
            }), gate: null);

        public static async Task<RunningQueue> GatedAsync(AzuriteFixture fixture)
        {
            var harness = await WorkflowHarness.StartAsync(fixture);
            return new RunningQueue(harness, new GatedDispatcher(harness.Dispatcher));
        }

        public async ValueTask DisposeAsync()
        {
            Gate?.Open();
            await _stopping.CancelAsync();
            await _running;
            _stopping.Dispose();
            Harness.Dispose();
        }
    }

    private static async Task<TicketRecord> SubmitAsync(TicketService service) =>
        Assert.IsType<SubmitResult.Created>(await service.SubmitAsync(new SubmitRequest(WorkflowHarness.Form(), Actor.Enterprise, "hash", null, null))).Ticket;

    /// <summary>
    /// Polls <paramref name="condition"/> for up to 30 s, moving the pacing clock on by 10 ms a poll until it has moved
    /// <paramref name="advanceAtMost"/> (so a worker that set its timer just after the last step still wakes).
    /// </summary>
    private static async Task UntilAsync(Func<Task<bool>> condition, ManualTimeProvider pacing, TimeSpan advanceAtMost)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var advanced = TimeSpan.Zero;
        while (!await condition())
        {
            if (advanced < advanceAtMost)
            {
                pacing.Advance(TimeSpan.FromMilliseconds(10));
                advanced += TimeSpan.FromMilliseconds(10);
            }

            await Task.Delay(TimeSpan.FromMilliseconds(20), timeout.Token);
        }
    }

    /// <summary>Holds every committed-batch dispatch until opened; a cancelled wait is an abandoned dispatch.</summary>
    private sealed class GatedDispatcher(IOutboxDispatcher inner) : IOutboxDispatcher
    {
        private readonly TaskCompletionSource _open = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _committed;

        public int Committed => Volatile.Read(ref _committed);

        public void Open() => _open.TrySetResult();

        public Task DispatchAsync(string ticketNumber, CancellationToken cancellationToken = default) => inner.DispatchAsync(ticketNumber, cancellationToken);

        public Task DispatchHistoryAsync(string ticketNumber, CancellationToken cancellationToken = default) => inner.DispatchHistoryAsync(ticketNumber, cancellationToken);

        public async Task DispatchCommittedAsync(CommittedBatch batch, CancellationToken cancellationToken = default)
        {
            await _open.Task.WaitAsync(cancellationToken);
            cancellationToken.ThrowIfCancellationRequested();
            await inner.DispatchCommittedAsync(batch, cancellationToken);
            Interlocked.Increment(ref _committed);
        }
    }
}
