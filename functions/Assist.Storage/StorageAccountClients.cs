using Assist.Storage.Pipeline;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;

namespace Assist.Storage;

/// <summary>
/// The Table, Blob and Queue service clients of the app's account (the Azure SDK's, registered by
/// <see cref="StorageServiceCollectionExtensions.AddAssistStorage"/>), and the <see cref="StorageMetering"/> their
/// pipelines share. Adapters take this one object instead of three.
/// </summary>
public sealed class StorageAccountClients(TableServiceClient tables, BlobServiceClient blobs, QueueServiceClient queues, StorageMetering metering)
{
    public TableServiceClient Tables { get; } = tables ?? throw new ArgumentNullException(nameof(tables));

    public BlobServiceClient Blobs { get; } = blobs ?? throw new ArgumentNullException(nameof(blobs));

    public QueueServiceClient Queues { get; } = queues ?? throw new ArgumentNullException(nameof(queues));

    /// <summary>Storage transactions made through these clients, per operation kind.</summary>
    public StorageMetering Metering { get; } = metering ?? throw new ArgumentNullException(nameof(metering));

    /// <summary>True with an account key (a connection string): SAS links are signed with it; false with an identity.</summary>
    public bool UsesSharedKey => Blobs.CanGenerateAccountSasUri;

    /// <summary>
    /// Clients built directly from a connection string (tests, benchmarks, tools); the app registers them through
    /// <c>AddAzureClients</c> instead, with the same <paramref name="options"/> applied.
    /// </summary>
    public static StorageAccountClients FromConnectionString(string connectionString, StorageClientOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        options ??= new StorageClientOptions();
        var tableOptions = new TableClientOptions();
        options.Apply(tableOptions, StorageServiceKind.Table);
        var blobOptions = new BlobClientOptions();
        options.Apply(blobOptions, StorageServiceKind.Blob);
        var queueOptions = new QueueClientOptions();
        options.Apply(queueOptions, StorageServiceKind.Queue);
        return new StorageAccountClients(
            new TableServiceClient(connectionString, tableOptions),
            new BlobServiceClient(connectionString, blobOptions),
            new QueueServiceClient(connectionString, queueOptions),
            options.Metering);
    }
}
