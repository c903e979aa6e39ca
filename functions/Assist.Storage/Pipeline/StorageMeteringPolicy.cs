using Azure.Core;
using Azure.Core.Pipeline;

namespace Assist.Storage.Pipeline;

/// <summary>
/// Counts every attempt that reached the service, because each attempt (retries included) is a billed
/// transaction. Runs per retry; an attempt that failed before any response is not counted.
/// </summary>
public sealed class StorageMeteringPolicy(StorageMetering metering) : HttpPipelinePolicy
{
    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        ProcessNext(message, pipeline);
        Record(message);
    }

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        await ProcessNextAsync(message, pipeline);
        Record(message);
    }

    private void Record(HttpMessage message)
    {
        if (message.HasResponse)
        {
            metering.Record(StorageOperation.Of(message));
        }
    }
}
