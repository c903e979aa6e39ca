using Assist.Storage.Pipeline;
using Assist.Tests;
using Azure;
using Azure.Data.Tables;
using Azure.Storage;
using Azure.Storage.Blobs.Models;

namespace Assist.Storage.Tests.Pipeline;

/// <summary>The metering policy in the SDK clients' pipelines names every billed transaction as before, against Azurite.</summary>
[Collection(UsesAzurite.Name)]
public sealed class StorageMeteringPolicyTests(AzuriteFixture fixture)
{
    [Fact]
    public async Task TableOperations_EachCountedAsItsKind()
    {
        var clients = StorageTestClients.For(fixture);
        var table = clients.Tables.GetTableClient(StorageTestClients.UniqueName("t"));
        await table.CreateIfNotExistsAsync();
        var before = clients.Metering.Snapshot();

        await table.AddEntityAsync(new TableEntity("p", "a") { ["N"] = 1 });
        var read = (await table.GetEntityAsync<TableEntity>("p", "a")).Value;
        await table.UpdateEntityAsync(new TableEntity("p", "a") { ["N"] = 2 }, read.ETag, TableUpdateMode.Replace);
        await table.UpdateEntityAsync(new TableEntity("p", "a") { ["M"] = 3 }, ETag.All, TableUpdateMode.Merge);
        await table.UpsertEntityAsync(new TableEntity("p", "b"), TableUpdateMode.Merge);
        await table.UpsertEntityAsync(new TableEntity("p", "c"), TableUpdateMode.Replace);
        await table.SubmitTransactionAsync([new TableTransactionAction(TableTransactionActionType.Add, new TableEntity("p", "d")), new TableTransactionAction(TableTransactionActionType.Add, new TableEntity("p", "e"))]);
        await table.DeleteEntityAsync("p", "e");
        await table.GetEntityIfExistsAsync<TableEntity>("p", "missing");
        var pages = 0;
        await foreach (var _ in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {"p"}"), maxPerPage: 2).AsPages())
        {
            pages++;
        }

        var used = clients.Metering.Snapshot().Since(before);
        Assert.Equal(1, used[StorageOperationKind.TableInsert]);
        Assert.Equal(2, used[StorageOperationKind.TableGet]);
        Assert.Equal(2, used[StorageOperationKind.TableUpdate]);
        Assert.Equal(2, used[StorageOperationKind.TableUpsert]);
        Assert.Equal(1, used[StorageOperationKind.TableBatch]);
        Assert.Equal(1, used[StorageOperationKind.TableDeleteEntity]);
        Assert.Equal(pages, used[StorageOperationKind.TableQuery]);
        Assert.Equal(2, pages);
        Assert.Equal(0, used[StorageOperationKind.Other]);
    }

    [Fact]
    public async Task BlobOperations_EachCountedAsItsKind()
    {
        var clients = StorageTestClients.For(fixture);
        var container = clients.Blobs.GetBlobContainerClient(StorageTestClients.UniqueName("c"));
        var before = clients.Metering.Snapshot();

        await container.CreateIfNotExistsAsync();
        var small = container.GetBlobClient("dir/small.txt");
        await small.UploadAsync(BinaryData.FromString("hello"));
        var large = container.GetBlobClient("dir/large.bin");
        await large.UploadAsync(new MemoryStream(new byte[3 * 1024]), new BlobUploadOptions
        {
            TransferOptions = new StorageTransferOptions { InitialTransferSize = 1024, MaximumTransferSize = 1024, MaximumConcurrency = 1 },
        });
        await small.DownloadContentAsync();
        await small.GetPropertiesAsync();
        await small.SetMetadataAsync(new Dictionary<string, string> { ["k"] = "v" });
        await foreach (var _ in container.GetBlobsAsync(BlobTraits.None, BlobStates.None, "dir/", CancellationToken.None))
        {
        }

        await small.DeleteIfExistsAsync();
        await container.DeleteIfExistsAsync();

        var used = clients.Metering.Snapshot().Since(before);
        Assert.Equal(1, used[StorageOperationKind.BlobContainerCreate]);
        Assert.Equal(1, used[StorageOperationKind.BlobPut]);
        Assert.Equal(3, used[StorageOperationKind.BlobPutBlock]);
        Assert.Equal(1, used[StorageOperationKind.BlobPutBlockList]);
        Assert.Equal(1, used[StorageOperationKind.BlobGet]);
        Assert.Equal(1, used[StorageOperationKind.BlobGetProperties]);
        Assert.Equal(1, used[StorageOperationKind.BlobSetMetadata]);
        Assert.Equal(1, used[StorageOperationKind.BlobList]);
        Assert.Equal(1, used[StorageOperationKind.BlobDelete]);
        Assert.Equal(1, used[StorageOperationKind.BlobContainerDelete]);
        Assert.Equal(0, used[StorageOperationKind.Other]);
    }

    [Fact]
    public async Task QueueOperations_EachCountedAsItsKind()
    {
        var clients = StorageTestClients.For(fixture);
        var queue = clients.Queues.GetQueueClient(StorageTestClients.UniqueName("q"));
        var before = clients.Metering.Snapshot();

        await queue.CreateIfNotExistsAsync();
        await queue.SendMessageAsync("one");
        await queue.PeekMessagesAsync(5);
        var received = (await queue.ReceiveMessagesAsync(5, TimeSpan.FromSeconds(30))).Value.Single();
        var updated = (await queue.UpdateMessageAsync(received.MessageId, received.PopReceipt, visibilityTimeout: TimeSpan.FromSeconds(30))).Value;
        await queue.DeleteMessageAsync(received.MessageId, updated.PopReceipt);
        await queue.GetPropertiesAsync();
        await queue.DeleteIfExistsAsync();

        var used = clients.Metering.Snapshot().Since(before);
        Assert.Equal(1, used[StorageOperationKind.QueueCreate]);
        Assert.Equal(1, used[StorageOperationKind.QueueSend]);
        Assert.Equal(1, used[StorageOperationKind.QueuePeek]);
        Assert.Equal(1, used[StorageOperationKind.QueueReceive]);
        Assert.Equal(1, used[StorageOperationKind.QueueUpdateMessage]);
        Assert.Equal(1, used[StorageOperationKind.QueueDeleteMessage]);
        Assert.Equal(1, used[StorageOperationKind.QueueGetProperties]);
        Assert.Equal(1, used[StorageOperationKind.QueueDelete]);
        Assert.Equal(0, used[StorageOperationKind.Other]);
    }

    [Fact]
    public async Task UnreachableStorage_AttemptsWithoutAResponse_AreNotCounted()
    {
        await using var azurite = await AzuriteInstance.StartAsync();
        var options = new StorageClientOptions { MaxRetries = 1, RetryDelay = TimeSpan.FromMilliseconds(1) };
        var clients = StorageAccountClients.FromConnectionString(azurite.ConnectionString, options);
        await azurite.StopAsync();

        var failure = await Assert.ThrowsAnyAsync<Exception>(() => clients.Tables.GetTableClient("gone").GetEntityIfExistsAsync<TableEntity>("p", "r"));

        Assert.True(Assist.Storage.Tests.StorageFailures.IsUnreachable(failure), failure.ToString());
        Assert.Equal(0, clients.Metering.Snapshot().Total);
    }
}
