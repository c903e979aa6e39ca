using Assist.Storage.Pipeline;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Microsoft.Extensions.Azure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Assist.Storage;

public static class StorageServiceCollectionExtensions
{
    /// <summary>
    /// Registers the Azure SDK's Table, Blob and Queue service clients once, with <c>AddAzureClients</c>, and
    /// <see cref="StorageAccountClients"/> over them. A connection string (<see cref="StorageOptions"/>) means Shared Key
    /// (Azurite, local runs); otherwise the three service URIs with <see cref="DefaultAzureCredential"/> (the managed
    /// identity in Azure, so production holds no account key). Every client gets <paramref name="clientOptions"/>:
    /// retries and the shared <see cref="StorageMetering"/>.
    /// </summary>
    public static IServiceCollection AddAssistStorage(this IServiceCollection services, IConfiguration configuration, StorageClientOptions? clientOptions = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        var options = StorageOptions.From(configuration);
        clientOptions ??= new StorageClientOptions();
        if (!options.HasConnectionString && !options.HasServiceUris)
        {
            // Fails when storage is first used, as a missing setting should, not while the host is being built.
            services.TryAddSingleton<StorageAccountClients>(_ => throw StorageOptions.NotConfigured());
            return services;
        }

        services.AddAzureClients(azure =>
        {
            if (options.HasConnectionString)
            {
                azure.AddTableServiceClient(options.ConnectionString).ConfigureOptions(o => clientOptions.Apply(o, StorageServiceKind.Table));
                azure.AddBlobServiceClient(options.ConnectionString).ConfigureOptions(o => clientOptions.Apply(o, StorageServiceKind.Blob));
                azure.AddQueueServiceClient(options.ConnectionString).ConfigureOptions(o => clientOptions.Apply(o, StorageServiceKind.Queue));
                return;
            }

            azure.AddTableServiceClient(options.TableServiceUri).ConfigureOptions(o => clientOptions.Apply(o, StorageServiceKind.Table));
            azure.AddBlobServiceClient(options.BlobServiceUri).ConfigureOptions(o => clientOptions.Apply(o, StorageServiceKind.Blob));
            azure.AddQueueServiceClient(options.QueueServiceUri).ConfigureOptions(o => clientOptions.Apply(o, StorageServiceKind.Queue));
            azure.UseCredential(new DefaultAzureCredential(new DefaultAzureCredentialOptions
            {
                ManagedIdentityClientId = string.IsNullOrWhiteSpace(options.ManagedIdentityClientId) ? null : options.ManagedIdentityClientId,
            }));
        });
        services.TryAddSingleton(sp => new StorageAccountClients(
            sp.GetRequiredService<TableServiceClient>(),
            sp.GetRequiredService<BlobServiceClient>(),
            sp.GetRequiredService<QueueServiceClient>(),
            clientOptions.Metering));
        return services;
    }
}
