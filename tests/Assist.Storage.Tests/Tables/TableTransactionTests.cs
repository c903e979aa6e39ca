using Assist.Storage.Pipeline;
using Assist.Storage.Tables;
using Assist.Tests;
using Azure;

namespace Assist.Storage.Tests.Tables;

[Collection(UsesAzurite.Name)]
public sealed class TableTransactionTests(AzuriteFixture azurite)
{
    private async Task<(TableClient Table, StorageMetering Metering)> NewTableAsync()
    {
        var clients = StorageTestClients.For(azurite);
        var table = clients.Tables.GetTableClient(StorageTestClients.UniqueName("b"));
        await table.CreateIfNotExistsAsync();
        return (table, clients.Metering);
    }

    private static TableTransactionAction Add(string pk, string rk, int n = 0) =>
        new(TableTransactionActionType.Add, new TableEntity(pk, rk) { ["N"] = n });

    [Fact]
    public async Task SubmitTransactionAsync_MixedActions_AllAppliedInOneRequest()
    {
        var (table, metering) = await NewTableAsync();
        var existingETag = await table.AddEntityAsync(new TableEntity("p", "update") { ["N"] = 1 });
        await table.AddEntityAsync(new TableEntity("p", "delete"));
        var before = metering.Snapshot();

        var results = await table.SubmitTransactionAsync(
        [
            Add("p", "new", 7),
            new(TableTransactionActionType.UpdateMerge, new TableEntity("p", "update") { ["N"] = 2 }, existingETag),
            new(TableTransactionActionType.Delete, new TableEntity("p", "delete")),
            new(TableTransactionActionType.UpsertReplace, new TableEntity("p", "upsert") { ["N"] = 9 }),
        ]);

        Assert.Equal(1, metering.Snapshot().Since(before).Total);
        Assert.Equal(4, results.Count);
        Assert.NotEqual(default, results[0].ETag);
        Assert.Equal(7, (await table.GetEntityAsync("p", "new")).GetInt32("N"));
        var updated = await table.GetEntityAsync("p", "update");
        Assert.Equal(2, updated.GetInt32("N"));
        Assert.Equal(results[1].ETag, updated.ETag);
        Assert.Null(await table.GetEntityIfExistsAsync("p", "delete"));
        Assert.Equal(9, (await table.GetEntityAsync("p", "upsert")).GetInt32("N"));
    }

    [Fact]
    public async Task SubmitTransactionAsync_AddOfExistingKey_FailsWholeAndNamesTheAction()
    {
        var (table, _) = await NewTableAsync();
        await table.AddEntityAsync(new TableEntity("p", "taken"));

        var failure = await Assert.ThrowsAsync<TableTransactionFailedException>(() =>
            table.SubmitTransactionAsync([Add("p", "a"), Add("p", "b"), Add("p", "taken"), Add("p", "c")]));

        Assert.Equal(2, failure.FailedActionIndex);
        Assert.Equal("taken", failure.FailedAction?.Entity.RowKey);
        Assert.Equal(StorageErrorCode.EntityAlreadyExists, failure.ErrorCode);
        Assert.Equal(409, failure.Status);
        Assert.Single(await ToListAsync(table.QueryAsync()));
    }

    [Fact]
    public async Task SubmitTransactionAsync_DuplicateKeyInBatch_FailsWholeNothingWritten()
    {
        var (table, _) = await NewTableAsync();

        var failure = await Assert.ThrowsAsync<TableTransactionFailedException>(() =>
            table.SubmitTransactionAsync([Add("p", "a"), Add("p", "dup"), Add("p", "dup", 2)]));

        Assert.True(failure.Status >= 400);
        Assert.Empty(await ToListAsync(table.QueryAsync()));
    }

    [Fact]
    public async Task SubmitTransactionAsync_StaleETag_FailsWith412AtThatAction()
    {
        var (table, _) = await NewTableAsync();
        var stale = await table.AddEntityAsync(new TableEntity("p", "r") { ["N"] = 1 });
        await table.UpdateEntityAsync(new TableEntity("p", "r") { ["N"] = 2 }, ETag.All);

        var failure = await Assert.ThrowsAsync<TableTransactionFailedException>(() =>
            table.SubmitTransactionAsync([Add("p", "new"), new(TableTransactionActionType.UpdateReplace, new TableEntity("p", "r") { ["N"] = 3 }, stale)]));

        Assert.Equal(412, failure.Status);
        Assert.Equal(StorageErrorCode.UpdateConditionNotSatisfied, failure.ErrorCode);
        Assert.Equal(1, failure.FailedActionIndex);
        Assert.Null(await table.GetEntityIfExistsAsync("p", "new"));
    }

    [Fact]
    public async Task SubmitTransactionAsync_CrossPartition_RejectedBeforeSending()
    {
        var (table, metering) = await NewTableAsync();
        var before = metering.Snapshot();

        var failure = await Assert.ThrowsAsync<ArgumentException>(() => table.SubmitTransactionAsync([Add("p1", "a"), Add("p2", "b")]));

        Assert.Contains("action 1", failure.Message, StringComparison.Ordinal);
        Assert.Equal(0, metering.Snapshot().Since(before).Total);
        Assert.Empty(await ToListAsync(table.QueryAsync()));
    }

    [Fact]
    public async Task SubmitTransactionAsync_101Actions_RejectedBeforeSending()
    {
        var (table, metering) = await NewTableAsync();
        var before = metering.Snapshot();

        await Assert.ThrowsAsync<ArgumentException>(() => table.SubmitTransactionAsync(Enumerable.Range(0, 101).Select(i => Add("p", $"r{i}"))));

        Assert.Equal(0, metering.Snapshot().Since(before).Total);
    }

    [Fact]
    public async Task SubmitTransactionAsync_Over4MiB_RejectedBeforeSending()
    {
        var (table, metering) = await NewTableAsync();
        var before = metering.Snapshot();
        // 90 entities of ~48 KiB of text each (~4.3 MiB of JSON): under 100 actions, over the payload limit.
        var big = new string('x', 48 * 1024);
        var actions = Enumerable.Range(0, 90).Select(i => new TableTransactionAction(TableTransactionActionType.Add, new TableEntity("p", $"r{i}") { ["Body"] = big }));

        var failure = await Assert.ThrowsAsync<ArgumentException>(() => table.SubmitTransactionAsync(actions));

        Assert.Contains("4 MiB", failure.Message, StringComparison.Ordinal);
        Assert.Equal(0, metering.Snapshot().Since(before).Total);
    }

    private static async Task<List<TableEntity>> ToListAsync(AsyncPageable<TableEntity> query)
    {
        var list = new List<TableEntity>();
        await foreach (var entity in query)
        {
            list.Add(entity);
        }

        return list;
    }
}
