using Assist.Storage.Pipeline;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Assist.Bench.Harness;

/// <summary>
/// Counts the Durable Task provider's own storage transactions, classified as the app's
/// <see cref="StorageMeteringPolicy"/> classifies the app's (every attempt that reached the service), and sets apart what
/// an engine spends while idle: queue polls that found no message, and its partition manager's reads and renewals of
/// the task hub's Partitions table. Those cost per second whether there is one ticket or none, so the benchmarks keep
/// them out of "per ticket" on both sides and show them on their own.
/// </summary>
internal sealed class EngineMeter
{
    private long _activities;

    /// <summary>Transactions that moved work: messages sent, received (non-empty), deleted; history and instance rows.</summary>
    public StorageMetering Work { get; } = new();

    /// <summary>Empty polls and lease bookkeeping.</summary>
    public StorageMetering Idle { get; } = new();

    /// <summary>Activity runs finished (their work-item messages deleted): for the ticket orchestration, its looks.</summary>
    public long Activities => Interlocked.Read(ref _activities);

    /// <summary>Passed to <c>DurableEngine</c>: adds the counting policy to each of the provider's clients.</summary>
    public void Configure(ClientOptions options, StorageServiceKind service)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.AddPolicy(new CountingPolicy(this, service), HttpPipelinePosition.PerRetry);
    }

    private void Record(StorageServiceKind service, HttpMessage message)
    {
        if (!message.HasResponse)
        {
            return;
        }

        var kind = StorageMeteringPolicy.Classify(service, message.Request);
        (IsIdle(service, kind, message) ? Idle : Work).Record(kind);
        // The provider's work-item queue is "{hub}-workitems": only activity messages go there.
        if (kind == StorageOperationKind.QueueDeleteMessage && message.Request.Uri.Path.Contains("-workitems/messages/", StringComparison.Ordinal))
        {
            Interlocked.Increment(ref _activities);
        }
    }

    private static bool IsIdle(StorageServiceKind service, StorageOperationKind kind, HttpMessage message) => service switch
    {
        StorageServiceKind.Queue => kind == StorageOperationKind.QueueReceive && !HasMessages(message.Response),
        // The provider names it "{hub}Partitions"; no table of the app ends so.
        StorageServiceKind.Table => TableName(message.Request.Uri.Path).EndsWith("Partitions", StringComparison.Ordinal),
        _ => false,
    };

    /// <summary>The table a request addresses: the last path segment without its key or query parentheses.</summary>
    private static string TableName(string path)
    {
        var last = path[(path.LastIndexOf('/') + 1)..];
        var parenthesis = last.IndexOf('(', StringComparison.Ordinal);
        return parenthesis < 0 ? last : last[..parenthesis];
    }

    private static bool HasMessages(Azure.Response response)
    {
        try
        {
            return response.Content.ToString().Contains("<QueueMessage>", StringComparison.Ordinal);
        }
        catch (InvalidOperationException)
        {
            // Not buffered (never for a receive): count it as work rather than guess.
            return true;
        }
    }

    private sealed class CountingPolicy(EngineMeter meter, StorageServiceKind service) : HttpPipelinePolicy
    {
        public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            ProcessNext(message, pipeline);
            meter.Record(service, message);
        }

        public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            await ProcessNextAsync(message, pipeline);
            meter.Record(service, message);
        }
    }
}
