using Assist.Storage.Pipeline;
using Assist.Storage.Tables;
using Assist.Tests;
using Azure;

namespace Assist.Storage.Tests.Tables;

[Collection(UsesAzurite.Name)]
public sealed class TableClientTests(AzuriteFixture azurite)
{
    private async Task<TableClient> NewTableAsync()
    {
        var table = StorageTestClients.For(azurite).Tables.GetTableClient(StorageTestClients.UniqueName("t"));
        Assert.True(await table.CreateIfNotExistsAsync());
        return table;
    }

    [Fact]
    public async Task CreateIfNotExistsAsync_Twice_SecondReportsExisting()
    {
        var table = await NewTableAsync();

        Assert.False(await table.CreateIfNotExistsAsync());
        Assert.True(await table.DeleteAsync());
        Assert.False(await table.DeleteAsync());
    }

    [Fact]
    public async Task AddGetUpdateDelete_RoundTripsEntityAndETags()
    {
        var table = await NewTableAsync();
        var entity = new TableEntity("tickets", "T-1") { ["Title"] = "停电 O'Brien", ["Priority"] = 2 };

        var added = await table.AddEntityAsync(entity);
        var read = await table.GetEntityAsync("tickets", "T-1");

        Assert.Equal("停电 O'Brien", read.GetString("Title"));
        Assert.Equal(2, read.GetInt32("Priority"));
        Assert.Equal(added, read.ETag);
        Assert.NotNull(read.Timestamp);

        read["Priority"] = 3;
        var updated = await table.UpdateEntityAsync(read, read.ETag, TableUpdateMode.Replace);
        Assert.NotEqual(added, updated);
        Assert.Equal(3, (await table.GetEntityAsync("tickets", "T-1")).GetInt32("Priority"));

        Assert.True(await table.DeleteEntityAsync("tickets", "T-1", updated));
        Assert.Null(await table.GetEntityIfExistsAsync("tickets", "T-1"));
        Assert.False(await table.DeleteEntityAsync("tickets", "T-1"));
    }

    [Fact]
    public async Task AddEntityAsync_ExistingKey_ThrowsEntityAlreadyExists()
    {
        var table = await NewTableAsync();
        await table.AddEntityAsync(new TableEntity("p", "r"));

        var failure = await Assert.ThrowsAsync<StorageRequestFailedException>(() => table.AddEntityAsync(new TableEntity("p", "r")));

        Assert.Equal(409, failure.Status);
        Assert.Equal(StorageErrorCode.EntityAlreadyExists, failure.ErrorCode);
    }

    [Fact]
    public async Task GetEntityAsync_Missing_ThrowsResourceNotFound()
    {
        var table = await NewTableAsync();

        var failure = await Assert.ThrowsAsync<StorageRequestFailedException>(() => table.GetEntityAsync("p", "missing"));

        Assert.Equal(404, failure.Status);
        Assert.Equal(StorageErrorCode.ResourceNotFound, failure.ErrorCode);
    }

    [Fact]
    public async Task UpdateEntityAsync_TwoWritersSameETag_SecondGets412()
    {
        var table = await NewTableAsync();
        await table.AddEntityAsync(new TableEntity("p", "r") { ["Status"] = "Open" });
        var first = await table.GetEntityAsync("p", "r");
        var second = await table.GetEntityAsync("p", "r");

        first["Status"] = "Assigned";
        await table.UpdateEntityAsync(first, first.ETag);
        second["Status"] = "Closed";
        var failure = await Assert.ThrowsAsync<StorageRequestFailedException>(() => table.UpdateEntityAsync(second, second.ETag));

        Assert.Equal(412, failure.Status);
        Assert.Equal(StorageErrorCode.UpdateConditionNotSatisfied, failure.ErrorCode);
        Assert.Equal("Assigned", (await table.GetEntityAsync("p", "r")).GetString("Status"));
    }

    [Fact]
    public async Task DeleteEntityAsync_StaleETag_Gets412AndKeepsEntity()
    {
        var table = await NewTableAsync();
        var original = await table.AddEntityAsync(new TableEntity("p", "r") { ["N"] = 1 });
        await table.UpdateEntityAsync(new TableEntity("p", "r") { ["N"] = 2 }, original);

        var failure = await Assert.ThrowsAsync<StorageRequestFailedException>(() => table.DeleteEntityAsync("p", "r", original));

        Assert.Equal(StorageErrorCode.UpdateConditionNotSatisfied, failure.ErrorCode);
        Assert.NotNull(await table.GetEntityIfExistsAsync("p", "r"));
    }

    [Fact]
    public async Task UpsertAndMerge_KeepOrDropAbsentProperties()
    {
        var table = await NewTableAsync();
        await table.UpsertEntityAsync(new TableEntity("p", "r") { ["A"] = "a", ["B"] = "b" });

        await table.UpsertEntityAsync(new TableEntity("p", "r") { ["B"] = "b2" }, TableUpdateMode.Merge);
        var merged = await table.GetEntityAsync("p", "r");
        await table.UpsertEntityAsync(new TableEntity("p", "r") { ["C"] = "c" }, TableUpdateMode.Replace);
        var replaced = await table.GetEntityAsync("p", "r");

        Assert.Equal(("a", "b2"), (merged.GetString("A"), merged.GetString("B")));
        Assert.False(replaced.ContainsKey("A"));
        Assert.Equal("c", replaced.GetString("C"));
    }

    [Fact]
    public async Task AddEntityAsync_EveryEdmType_RoundTripsExactly()
    {
        var table = await NewTableAsync();
        var when = new DateTimeOffset(2028, 2, 29, 23, 59, 59, TimeSpan.FromHours(8)).AddTicks(1234567);
        var id = Guid.NewGuid();
        byte[] bytes = [0, 1, 2, 254, 255];
        var entity = new TableEntity("p", "r")
        {
            ["Int64"] = long.MaxValue,
            ["SmallInt64"] = 5L,
            ["Int32"] = int.MinValue,
            ["Double"] = 0.1 + 0.2,
            ["WholeDouble"] = 2.0,
            ["NaN"] = double.NaN,
            ["Bool"] = true,
            ["When"] = when,
            ["Guid"] = id,
            ["Binary"] = bytes,
            ["Text"] = "\"quoted\" \\ 中文 😀",
            ["Empty"] = string.Empty,
        };

        await table.AddEntityAsync(entity);
        var read = await table.GetEntityAsync("p", "r");

        Assert.Equal(long.MaxValue, read["Int64"]);
        Assert.Equal(5L, read["SmallInt64"]);
        Assert.Equal(int.MinValue, read["Int32"]);
        Assert.Equal(0.1 + 0.2, read["Double"]);
        Assert.Equal(2.0, read["WholeDouble"]);
        Assert.True(double.IsNaN(read.GetDouble("NaN")!.Value));
        Assert.Equal(true, read["Bool"]);
        Assert.Equal(when, read["When"]);
        Assert.Equal(when.UtcTicks, read.GetDateTimeOffset("When")!.Value.UtcTicks);
        Assert.Equal(id, read["Guid"]);
        Assert.Equal(bytes, read.GetBinary("Binary"));
        Assert.Equal("\"quoted\" \\ 中文 😀", read["Text"]);
        Assert.Equal(string.Empty, read["Empty"]);
    }

    [Theory]
    [InlineData("a b", "O'Neil's")]
    [InlineData("部门", "%41+&=")]
    [InlineData("''", "")]
    public async Task Keys_WithQuotesSpacesAndUnicode_AreAddressable(string partitionKey, string rowKey)
    {
        var table = await NewTableAsync();
        await table.AddEntityAsync(new TableEntity(partitionKey, rowKey) { ["V"] = 1 });

        var read = await table.GetEntityAsync(partitionKey, rowKey);
        var etag = await table.UpdateEntityAsync(new TableEntity(partitionKey, rowKey) { ["V"] = 2 }, read.ETag);

        Assert.Equal((partitionKey, rowKey), (read.PartitionKey, read.RowKey));
        Assert.True(await table.DeleteEntityAsync(partitionKey, rowKey, etag));
    }

    [Fact]
    public async Task AddEntityAsync_KeyWithSlash_RejectedBeforeSending()
    {
        var clients = StorageTestClients.For(azurite);
        var table = clients.Tables.GetTableClient(StorageTestClients.UniqueName("t"));

        await Assert.ThrowsAsync<ArgumentException>(() => table.AddEntityAsync(new TableEntity("a/b", "r")));

        Assert.Equal(0, clients.Metering.Snapshot().Total);
    }
}
