using Assist.Storage.Blobs;
using Assist.Storage.Pipeline;
using Assist.Storage.Queues;
using Assist.Storage.Tables;
using Azure.Core;
using Azure.Identity;

namespace Assist.Storage;

/// <summary>
/// The app's one entry point to storage: the Table, Blob and Queue service clients of one account, sharing
/// options and one <see cref="StorageMetering"/>. Configuration picks the authentication: a connection string
/// means Shared Key (Azurite, local runs); service URIs mean Microsoft Entra tokens (managed identity in Azure).
/// </summary>
public sealed class StorageAccountClients
{
    private StorageAccountClients(TableServiceClient tables, BlobServiceClient blobs, QueueServiceClient queues, StorageMetering metering, bool usesSharedKey)
    {
        Tables = tables;
        Blobs = blobs;
        Queues = queues;
        Metering = metering;
        UsesSharedKey = usesSharedKey;
    }

    public TableServiceClient Tables { get; }

    public BlobServiceClient Blobs { get; }

    public QueueServiceClient Queues { get; }

    /// <summary>Storage transactions made through these clients, per operation kind.</summary>
    public StorageMetering Metering { get; }

    public bool UsesSharedKey { get; }

    /// <summary>
    /// Clients for the account <paramref name="options"/> describes. With service URIs, <paramref name="credential"/>
    /// authenticates (default: <see cref="DefaultAzureCredential"/> with the configured managed identity client id).
    /// </summary>
    public static StorageAccountClients Create(StorageOptions options, StorageClientOptions? clientOptions = null, TokenCredential? credential = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        clientOptions ??= new StorageClientOptions();
        if (!string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            var account = StorageConnectionString.Parse(options.ConnectionString);
            var key = account.SharedKeyCredential();
            return new StorageAccountClients(
                new TableServiceClient(account.TableEndpoint, key, clientOptions),
                new BlobServiceClient(account.BlobEndpoint, key, clientOptions),
                new QueueServiceClient(account.QueueEndpoint, key, clientOptions),
                clientOptions.Metering,
                usesSharedKey: true);
        }

        var endpoints = options.ResolveEndpoints();
        credential ??= new DefaultAzureCredential(new DefaultAzureCredentialOptions
        {
            ManagedIdentityClientId = string.IsNullOrWhiteSpace(options.ManagedIdentityClientId) ? null : options.ManagedIdentityClientId,
        });
        return new StorageAccountClients(
            new TableServiceClient(endpoints.Table, credential, clientOptions),
            new BlobServiceClient(endpoints.Blob, credential, clientOptions),
            new QueueServiceClient(endpoints.Queue, credential, clientOptions),
            clientOptions.Metering,
            usesSharedKey: false);
    }
}
