using Assist.Storage.Pipeline;

namespace Assist.Storage.Tests;

public sealed class StorageAccountClientsTests
{
    [Fact]
    public void Create_DevelopmentStorage_UsesSharedKeyOnAzuriteDefaultEndpoints()
    {
        var clients = StorageAccountClients.Create(new StorageOptions { ConnectionString = "UseDevelopmentStorage=true" });

        Assert.True(clients.UsesSharedKey);
        Assert.Equal(new Uri("http://127.0.0.1:10002/devstoreaccount1"), clients.Tables.Uri);
        Assert.Equal(new Uri("http://127.0.0.1:10000/devstoreaccount1/files/a%20b.txt"), clients.Blobs.GetBlobContainerClient("files").GetBlobClient("a b.txt").Uri);
        Assert.True(clients.Blobs.GetBlobContainerClient("files").GetBlobClient("a").CanGenerateSasUri);
    }

    [Fact]
    public void Create_SharedMetering_IsTheOneInTheOptions()
    {
        var metering = new StorageMetering();

        var clients = StorageAccountClients.Create(new StorageOptions { ConnectionString = "UseDevelopmentStorage=true" }, new StorageClientOptions { Metering = metering });

        Assert.Same(metering, clients.Metering);
    }

    [Fact]
    public void Create_NothingConfigured_SaysWhichSettingsAreMissing()
    {
        var failure = Assert.Throws<InvalidOperationException>(() => StorageAccountClients.Create(new StorageOptions()));

        Assert.Contains("Storage__ConnectionString", failure.Message, StringComparison.Ordinal);
    }
}
