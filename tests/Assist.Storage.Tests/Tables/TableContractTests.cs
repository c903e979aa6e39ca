using Assist.Tests;
using Azure;
using Azure.Data.Tables;
using Azure.Data.Tables.Models;

namespace Assist.Storage.Tests.Tables;

/// <summary>
/// What the adapters rely on from Azure.Data.Tables, proved against a real Azurite: optimistic concurrency (412 on a
/// stale ETag, 409 on a taken key), all-or-nothing transactions that name the refused action, and entity values that
/// read back as the types they were written with.
/// </summary>
[Collection(UsesAzurite.Name)]
public sealed class TableContractTests(AzuriteFixture fixture)
{
    private async Task<TableClient> NewTableAsync()
    {
        var table = StorageTestClients.For(fixture).Tables.GetTableClient(StorageTestClients.UniqueName("t"));
        await table.CreateIfNotExistsAsync();
        return table;
    }

    [Fact]
    public async Task UpdateEntityAsync_TwoWritersSameETag_SecondGets412()
    {
        var table = await NewTableAsync();
        await table.AddEntityAsync(new TableEntity("p", "r") { ["V"] = 1 });
        var first = (await table.GetEntityAsync<TableEntity>("p", "r")).Value;
        var second = (await table.GetEntityAsync<TableEntity>("p", "r")).Value;

        await table.UpdateEntityAsync(new TableEntity("p", "r") { ["V"] = 2 }, first.ETag, TableUpdateMode.Replace);
        var refused = await Assert.ThrowsAsync<RequestFailedException>(() => table.UpdateEntityAsync(new TableEntity("p", "r") { ["V"] = 3 }, second.ETag, TableUpdateMode.Replace));

        Assert.Equal(412, refused.Status);
        Assert.Equal(TableErrorCode.UpdateConditionNotSatisfied.ToString(), refused.ErrorCode);
        Assert.Equal(2, (await table.GetEntityAsync<TableEntity>("p", "r")).Value.GetInt32("V"));
    }

    [Fact]
    public async Task AddEntityAsync_ExistingKey_409EntityAlreadyExists_AndDeleteOfMissingIsNotAnError()
    {
        var table = await NewTableAsync();
        var added = await table.AddEntityAsync(new TableEntity("p", "r"));

        var refused = await Assert.ThrowsAsync<RequestFailedException>(() => table.AddEntityAsync(new TableEntity("p", "r")));
        var missing = await table.DeleteEntityAsync("p", "never");

        Assert.NotNull(added.Headers.ETag);
        Assert.Equal(409, refused.Status);
        Assert.Equal(TableErrorCode.EntityAlreadyExists.ToString(), refused.ErrorCode);
        Assert.Equal(404, missing.Status);
    }

    [Fact]
    public async Task SubmitTransactionAsync_AddOfExistingKey_FailsWholeNamesTheActionNothingWritten()
    {
        var table = await NewTableAsync();
        await table.AddEntityAsync(new TableEntity("p", "taken"));

        var failed = await Assert.ThrowsAsync<TableTransactionFailedException>(() => table.SubmitTransactionAsync(
        [
            new TableTransactionAction(TableTransactionActionType.Add, new TableEntity("p", "a")),
            new TableTransactionAction(TableTransactionActionType.UpsertReplace, new TableEntity("p", "b")),
            new TableTransactionAction(TableTransactionActionType.Add, new TableEntity("p", "taken")),
        ]));

        Assert.Equal(409, failed.Status);
        Assert.Equal(2, failed.FailedTransactionActionIndex);
        Assert.Equal(["taken"], await RowKeysAsync(table));
    }

    [Fact]
    public async Task SubmitTransactionAsync_StaleETag_Fails412AtThatActionNothingWritten()
    {
        var table = await NewTableAsync();
        await table.AddEntityAsync(new TableEntity("p", "head") { ["Version"] = 1 });
        var stale = (await table.GetEntityAsync<TableEntity>("p", "head")).Value.ETag;
        await table.UpdateEntityAsync(new TableEntity("p", "head") { ["Version"] = 2 }, stale, TableUpdateMode.Replace);

        var failed = await Assert.ThrowsAsync<TableTransactionFailedException>(() => table.SubmitTransactionAsync(
        [
            new TableTransactionAction(TableTransactionActionType.Add, new TableEntity("p", "e-1")),
            new TableTransactionAction(TableTransactionActionType.UpdateReplace, new TableEntity("p", "head") { ["Version"] = 3 }, stale),
        ]));

        Assert.Equal(412, failed.Status);
        Assert.Equal(1, failed.FailedTransactionActionIndex);
        Assert.Equal(["head"], await RowKeysAsync(table));
        Assert.Equal(2, (await table.GetEntityAsync<TableEntity>("p", "head")).Value.GetInt32("Version"));
    }

    [Fact]
    public async Task AddEntityAsync_EveryValueType_ReadsBackAsWritten()
    {
        var table = await NewTableAsync();
        var at = new DateTimeOffset(2026, 2, 12, 9, 3, 0, TimeSpan.FromHours(8)).AddTicks(1234567);
        var id = Guid.NewGuid();
        await table.AddEntityAsync(new TableEntity("p", "O'Neil 名单 1") { ["S"] = "文本", ["I"] = 7, ["L"] = 1L << 40, ["D"] = 2.0, ["B"] = true, ["T"] = at, ["G"] = id, ["X"] = new byte[] { 1, 2, 3 } });

        var row = (await table.GetEntityAsync<TableEntity>("p", "O'Neil 名单 1")).Value;

        Assert.Equal("文本", row.GetString("S"));
        Assert.Equal(7, row.GetInt32("I"));
        Assert.Equal(1L << 40, row.GetInt64("L"));
        Assert.Equal(2.0, row.GetDouble("D"));
        Assert.True(row.GetBoolean("B"));
        Assert.Equal(at, row.GetDateTimeOffset("T"));
        Assert.Equal(id, row.GetGuid("G"));
        Assert.Equal([1, 2, 3], row.GetBinary("X"));
    }

    [Fact]
    public async Task QueryAsync_HostileStringValue_MatchesOnlyItself()
    {
        var table = await NewTableAsync();
        await table.AddEntityAsync(new TableEntity("p", "a") { ["Name"] = "x' or PartitionKey ne '" });
        await table.AddEntityAsync(new TableEntity("p", "b") { ["Name"] = "other" });

        var rows = new List<string>();
        await foreach (var row in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"Name eq {"x' or PartitionKey ne '"}")))
        {
            rows.Add(row.RowKey);
        }

        Assert.Equal(["a"], rows);
    }

    private static async Task<List<string>> RowKeysAsync(TableClient table)
    {
        var keys = new List<string>();
        await foreach (var row in table.QueryAsync<TableEntity>(select: [nameof(TableEntity.RowKey)]))
        {
            keys.Add(row.RowKey);
        }

        return keys;
    }
}
