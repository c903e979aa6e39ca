using Assist.Storage.Pipeline;
using Azure.Core;

namespace Assist.Storage.Queues;

/// <summary>The Queue service of an account: hands out <see cref="QueueClient"/>s that share one pipeline.</summary>
public sealed class QueueServiceClient
{
    private readonly StorageRestClient _rest;

    public QueueServiceClient(string connectionString, StorageClientOptions? options = null)
        : this(StorageConnectionString.Parse(connectionString), options)
    {
    }

    public QueueServiceClient(Uri endpoint, StorageSharedKeyCredential credential, StorageClientOptions? options = null)
        : this(StoragePipelineFactory.Create(endpoint, StorageServiceKind.Queue, credential, options))
    {
    }

    /// <summary>Microsoft Entra authentication; the identity needs a Storage Queue Data role.</summary>
    public QueueServiceClient(Uri endpoint, TokenCredential credential, StorageClientOptions? options = null)
        : this(StoragePipelineFactory.Create(endpoint, StorageServiceKind.Queue, credential, options))
    {
    }

    private QueueServiceClient(StorageConnectionString account, StorageClientOptions? options)
        : this(account.QueueEndpoint, account.SharedKeyCredential(), options)
    {
    }

    internal QueueServiceClient(StorageRestClient rest) => _rest = rest;

    public Uri Uri => _rest.Endpoint;

    public QueueClient GetQueueClient(string queueName) => new(_rest, queueName);
}
