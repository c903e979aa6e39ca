using Assist.Storage.Pipeline;
using Azure.Core;

namespace Assist.Storage.Tables;

/// <summary>The Table service of an account: hands out <see cref="TableClient"/>s that share one pipeline.</summary>
public sealed class TableServiceClient
{
    private readonly StorageRestClient _rest;

    public TableServiceClient(string connectionString, StorageClientOptions? options = null)
        : this(StorageConnectionString.Parse(connectionString), options)
    {
    }

    public TableServiceClient(Uri endpoint, StorageSharedKeyCredential credential, StorageClientOptions? options = null)
        : this(StoragePipelineFactory.Create(endpoint, StorageServiceKind.Table, credential, options))
    {
    }

    /// <summary>Microsoft Entra authentication (managed identity in Azure); the identity needs a Storage Table Data role.</summary>
    public TableServiceClient(Uri endpoint, TokenCredential credential, StorageClientOptions? options = null)
        : this(StoragePipelineFactory.Create(endpoint, StorageServiceKind.Table, credential, options))
    {
    }

    private TableServiceClient(StorageConnectionString account, StorageClientOptions? options)
        : this(account.TableEndpoint, account.SharedKeyCredential(), options)
    {
    }

    internal TableServiceClient(StorageRestClient rest) => _rest = rest;

    public Uri Uri => _rest.Endpoint;

    public TableClient GetTableClient(string tableName) => new(_rest, tableName);

    public Task<bool> CreateTableIfNotExistsAsync(string tableName, CancellationToken cancellationToken = default) =>
        GetTableClient(tableName).CreateIfNotExistsAsync(cancellationToken);

    public Task<bool> DeleteTableAsync(string tableName, CancellationToken cancellationToken = default) =>
        GetTableClient(tableName).DeleteAsync(cancellationToken);
}
