using Microsoft.DurableTask.Client;

namespace Assist.Functions.Lifecycle;

/// <summary>
/// The Durable Task client this process reaches the ticket orchestrations with. Under the Functions host a client is
/// an input binding: the host hands the worker its task hub's address with each invocation of a function that
/// declares <c>[DurableClient]</c>, so the client is known from the first such invocation on (the worker's
/// <c>DurableClientMiddleware</c> publishes it; every function that changes a ticket declares one, a test holds them
/// to it). The local host publishes the client it builds for its in-process engine when it starts. Work in the
/// background (scheduling handed-over submissions, the start-up back-fill) waits for it.
/// </summary>
public sealed class DurableClients
{
    private readonly TaskCompletionSource<DurableTaskClient> _known = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Makes <paramref name="client"/> the one this process uses; the first published stays (the host gives one per task hub).</summary>
    public void Publish(DurableTaskClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        _known.TrySetResult(client);
    }

    /// <summary>The client, once known; a request that needs it without its function declaring one is a programming error, said plainly.</summary>
    public DurableTaskClient Current => _known.Task.IsCompletedSuccessfully
        ? _known.Task.Result
        : throw new InvalidOperationException("No Durable Task client is known yet: the function that got here declares no [DurableClient] parameter.");

    /// <summary>The client, waiting until the host has given one.</summary>
    public Task<DurableTaskClient> WhenKnownAsync(CancellationToken cancellationToken) => _known.Task.WaitAsync(cancellationToken);
}
