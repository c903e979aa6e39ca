using Assist.Storage.Pipeline;
using Assist.Tests;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Assist.Storage.Tests;

[Collection(UsesAzurite.Name)]
public sealed class StorageAccountClientsTests(AzuriteFixture fixture)
{
    private static ServiceProvider Build(Dictionary<string, string?> settings, StorageClientOptions? options = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddLogging().AddAssistStorage(configuration, options).BuildServiceProvider();
    }

    [Fact]
    public void AddAssistStorage_DevelopmentStorage_SharedKeyClientsOnAzuriteDefaultEndpoints()
    {
        using var services = Build(new() { ["Storage:ConnectionString"] = "UseDevelopmentStorage=true" });

        var clients = services.GetRequiredService<StorageAccountClients>();

        Assert.True(clients.UsesSharedKey);
        Assert.Same(services.GetRequiredService<TableServiceClient>(), clients.Tables);
        Assert.Same(services.GetRequiredService<BlobServiceClient>(), clients.Blobs);
        Assert.Equal(new Uri("http://127.0.0.1:10002/devstoreaccount1"), clients.Tables.Uri);
        Assert.Equal(new Uri("http://127.0.0.1:10000/devstoreaccount1/files/a%20b.txt"), clients.Blobs.GetBlobContainerClient("files").GetBlobClient("a b.txt").Uri);
        Assert.True(clients.Blobs.GetBlobContainerClient("files").GetBlobClient("a").CanGenerateSasUri);
    }

    [Fact]
    public void AddAssistStorage_ExplicitEndpointsOnAnyPorts_AreTheClientsEndpoints()
    {
        using var services = Build(new() { ["AzureWebJobsStorage"] = fixture.Azurite.ConnectionString });

        var clients = services.GetRequiredService<StorageAccountClients>();

        Assert.Equal(fixture.Azurite.TableEndpoint.AbsoluteUri.TrimEnd('/'), clients.Tables.Uri.AbsoluteUri.TrimEnd('/'));
        Assert.Equal(fixture.Azurite.BlobEndpoint.AbsoluteUri.TrimEnd('/'), clients.Blobs.Uri.AbsoluteUri.TrimEnd('/'));
        Assert.Equal(fixture.Azurite.QueueEndpoint.AbsoluteUri.TrimEnd('/'), clients.Queues.Uri.AbsoluteUri.TrimEnd('/'));
        Assert.Equal(AzuriteInstance.AccountName, clients.Blobs.AccountName);
    }

    [Fact]
    public void AddAssistStorage_ServiceUris_UsesAnIdentityAndNoAccountKey()
    {
        using var services = Build(new()
        {
            ["Storage:TableServiceUri"] = "https://assistprod.table.core.windows.net",
            ["Storage:BlobServiceUri"] = "https://assistprod.blob.core.windows.net",
            ["Storage:QueueServiceUri"] = "https://assistprod.queue.core.windows.net",
            ["Storage:ManagedIdentityClientId"] = "00000000-0000-0000-0000-000000000001",
            // The host's own storage setting must not win over the app's identity-based one.
            ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true",
        });

        var clients = services.GetRequiredService<StorageAccountClients>();

        Assert.False(clients.UsesSharedKey);
        Assert.False(clients.Blobs.GetBlobContainerClient("attachments").GetBlobClient("b").CanGenerateSasUri);
        Assert.Equal(new Uri("https://assistprod.table.core.windows.net"), clients.Tables.Uri);
        Assert.Equal("assistprod", clients.Blobs.AccountName);
    }

    [Fact]
    public void AddAssistStorage_NothingConfigured_SaysWhichSettingsAreMissingWhenUsed()
    {
        using var services = Build([]);

        var failure = Assert.Throws<InvalidOperationException>(services.GetRequiredService<StorageAccountClients>);

        Assert.Contains("Storage__ConnectionString", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddAssistStorage_EveryClient_CountsIntoTheOneMetering()
    {
        var options = new StorageClientOptions();
        using var services = Build(new() { ["Storage:ConnectionString"] = fixture.Azurite.ConnectionString }, options);
        var clients = services.GetRequiredService<StorageAccountClients>();
        var name = StorageTestClients.UniqueName("m");

        await clients.Tables.GetTableClient(name).CreateIfNotExistsAsync();
        await clients.Blobs.GetBlobContainerClient(name).CreateIfNotExistsAsync();
        await clients.Queues.GetQueueClient(name).CreateIfNotExistsAsync();

        Assert.Same(options.Metering, clients.Metering);
        var counts = clients.Metering.Snapshot();
        Assert.Equal(1, counts[StorageOperationKind.TableCreate]);
        Assert.Equal(1, counts[StorageOperationKind.BlobContainerCreate]);
        Assert.Equal(1, counts[StorageOperationKind.QueueCreate]);
        Assert.Equal(3, counts.Total);
    }
}
