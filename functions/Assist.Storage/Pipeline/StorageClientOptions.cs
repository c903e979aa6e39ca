using Azure.Core;

namespace Assist.Storage.Pipeline;

/// <summary>
/// What Assist adds to the storage SDK clients' options: the retry and timeout settings (Azure.Core's defaults,
/// which the app used before: 3 retries, exponential from 0.8 s up to 1 min, 100 s per attempt) and the
/// <see cref="StorageMetering"/> the three clients of an account share.
/// </summary>
public sealed class StorageClientOptions
{
    /// <summary>Counters of storage transactions; one instance for the Table, Blob and Queue clients of an account.</summary>
    public StorageMetering Metering { get; init; } = new();

    public int MaxRetries { get; set; } = 3;

    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(0.8);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long one attempt may wait for the service before it is retried.</summary>
    public TimeSpan NetworkTimeout { get; set; } = TimeSpan.FromSeconds(100);

    /// <summary>Applies these settings to one SDK client's options (<c>TableClientOptions</c>, <c>BlobClientOptions</c>, <c>QueueClientOptions</c>).</summary>
    public void Apply(ClientOptions options, StorageServiceKind service)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Retry.Mode = RetryMode.Exponential;
        options.Retry.MaxRetries = MaxRetries;
        options.Retry.Delay = RetryDelay;
        options.Retry.MaxDelay = MaxRetryDelay;
        options.Retry.NetworkTimeout = NetworkTimeout;
        options.AddPolicy(new StorageMeteringPolicy(Metering, service), HttpPipelinePosition.PerRetry);
    }
}
