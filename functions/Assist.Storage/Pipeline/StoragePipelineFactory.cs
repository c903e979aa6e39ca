using Azure.Core;
using Azure.Core.Pipeline;
using Microsoft.Extensions.Logging;

namespace Assist.Storage.Pipeline;

/// <summary>Builds the Azure.Core pipeline for one service with either Shared Key or Entra token authentication.</summary>
internal static class StoragePipelineFactory
{
    /// <summary>The Entra scope for Blob, Queue and Table data access.</summary>
    public const string StorageScope = "https://storage.azure.com/.default";

    public const string LoggerCategory = "Assist.Storage.Requests";

    public static StorageRestClient Create(Uri endpoint, StorageServiceKind service, StorageSharedKeyCredential sharedKey, StorageClientOptions? options)
    {
        ArgumentNullException.ThrowIfNull(sharedKey);
        options ??= new StorageClientOptions();
        return new StorageRestClient(Build(options, new StorageSharedKeyPolicy(sharedKey, service)), endpoint, service, sharedKey, options);
    }

    public static StorageRestClient Create(Uri endpoint, StorageServiceKind service, TokenCredential credential, StorageClientOptions? options)
    {
        ArgumentNullException.ThrowIfNull(credential);
        options ??= new StorageClientOptions();
        return new StorageRestClient(Build(options, new BearerTokenAuthenticationPolicy(credential, StorageScope)), endpoint, service, null, options);
    }

    private static HttpPipeline Build(StorageClientOptions options, HttpPipelinePolicy authentication)
    {
        // Per retry, in order: fresh date and version, then metering and logging around the attempt,
        // then authentication last so the signature covers every header set before it.
        HttpPipelinePolicy[] perRetry =
        [
            new StorageHeadersPolicy(options.ServiceVersion, options.TimeProvider),
            new StorageMeteringPolicy(options.Metering),
            new StorageRequestLoggingPolicy(options.LoggerFactory.CreateLogger(LoggerCategory)),
            authentication,
        ];
        return HttpPipelineBuilder.Build(options, [], perRetry, new ResponseClassifier());
    }
}
