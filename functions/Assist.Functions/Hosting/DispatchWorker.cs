using Assist.Storage.Workflow;

namespace Assist.Functions.Hosting;

/// <summary>
/// Runs the <see cref="BackgroundDispatcher"/> workers for the life of the process, so a submission is answered as soon as
/// it is committed. At shutdown the queue takes no more work and finishes what it holds until the host's shutdown
/// timeout; whatever is left then keeps its pending-dispatch marker and is finished by the sweep.
/// </summary>
public sealed class DispatchWorker(BackgroundDispatcher queue) : IHostedService, IDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private readonly CancellationTokenSource _abandon = new();
    private Task _running = Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _running = queue.RunAsync(_stopping.Token, _abandon.Token);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        try
        {
            await _running.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await _abandon.CancelAsync();
        }
    }

    public void Dispose()
    {
        _stopping.Dispose();
        _abandon.Dispose();
    }
}
