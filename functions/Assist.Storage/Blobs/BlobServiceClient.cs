using Assist.Storage.Pipeline;
using Azure.Core;

namespace Assist.Storage.Blobs;

/// <summary>The Blob service of an account: hands out <see cref="BlobContainerClient"/>s that share one pipeline.</summary>
public sealed class BlobServiceClient
{
    private readonly StorageRestClient _rest;

    public BlobServiceClient(string connectionString, StorageClientOptions? options = null)
        : this(StorageConnectionString.Parse(connectionString), options)
    {
    }

    public BlobServiceClient(Uri endpoint, StorageSharedKeyCredential credential, StorageClientOptions? options = null)
        : this(StoragePipelineFactory.Create(endpoint, StorageServiceKind.Blob, credential, options))
    {
    }

    /// <summary>Microsoft Entra authentication; the identity needs a Storage Blob Data role. Such a client cannot sign a SAS.</summary>
    public BlobServiceClient(Uri endpoint, TokenCredential credential, StorageClientOptions? options = null)
        : this(StoragePipelineFactory.Create(endpoint, StorageServiceKind.Blob, credential, options))
    {
    }

    private BlobServiceClient(StorageConnectionString account, StorageClientOptions? options)
        : this(account.BlobEndpoint, account.SharedKeyCredential(), options)
    {
    }

    internal BlobServiceClient(StorageRestClient rest) => _rest = rest;

    public Uri Uri => _rest.Endpoint;

    public BlobContainerClient GetBlobContainerClient(string containerName) => new(_rest, containerName);
}
