using Assist.Storage.Pipeline;
using Assist.Storage.Tables;
using Assist.Tests;
using Azure;

namespace Assist.Storage.Tests.Tables;

[Collection(UsesAzurite.Name)]
public sealed class TableQueryTests(AzuriteFixture azurite)
{
    private async Task<(TableClient Table, StorageMetering Metering)> NewTableAsync()
    {
        var clients = StorageTestClients.For(azurite);
        var table = clients.Tables.GetTableClient(StorageTestClients.UniqueName("q"));
        await table.CreateIfNotExistsAsync();
        return (table, clients.Metering);
    }

    private static async Task FillAsync(TableClient table, string partitionKey, int count)
    {
        for (var start = 0; start < count; start += TableClient.MaxTransactionActions)
        {
            var actions = Enumerable.Range(start, Math.Min(TableClient.MaxTransactionActions, count - start))
                .Select(i => new TableTransactionAction(TableTransactionActionType.Add, new TableEntity(partitionKey, i.ToString("D5", System.Globalization.CultureInfo.InvariantCulture)) { ["N"] = i }));
            await table.SubmitTransactionAsync(actions);
        }
    }

    [Fact]
    public async Task QueryAsync_1200Entities_FollowsContinuationAcrossPages()
    {
        var (table, metering) = await NewTableAsync();
        await FillAsync(table, "p", 1200);
        var before = metering.Snapshot();

        var numbers = new List<int>();
        await foreach (var entity in table.QueryAsync(TableFilter.Create($"PartitionKey eq {"p"}"), maxPerPage: 500))
        {
            numbers.Add(entity.GetInt32("N")!.Value);
        }

        Assert.Equal(Enumerable.Range(0, 1200), numbers);
        Assert.Equal(3, metering.Snapshot().Since(before)[StorageOperationKind.TableQuery]);
    }

    [Fact]
    public async Task QueryAsync_AsPagesFromSavedToken_ResumesWhereItStopped()
    {
        var (table, _) = await NewTableAsync();
        await FillAsync(table, "p", 250);

        string? token = null;
        await foreach (var page in table.QueryAsync(maxPerPage: 100).AsPages())
        {
            Assert.Equal(100, page.Values.Count);
            token = page.ContinuationToken;
            break;
        }

        var rest = new List<string>();
        await foreach (var page in table.QueryAsync(maxPerPage: 100).AsPages(token))
        {
            rest.AddRange(page.Values.Select(e => e.RowKey));
        }

        Assert.NotNull(token);
        Assert.Equal(150, rest.Count);
        Assert.Equal("00100", rest[0]);
    }

    [Fact]
    public async Task QueryAsync_HostileStringValue_MatchesOnlyItself()
    {
        var (table, _) = await NewTableAsync();
        const string hostile = "x' or PartitionKey ne '";
        await table.AddEntityAsync(new TableEntity("p", "1") { ["Name"] = hostile });
        await table.AddEntityAsync(new TableEntity("p", "2") { ["Name"] = "x" });
        await table.AddEntityAsync(new TableEntity("p", "3") { ["Name"] = "其他 'quoted' & + % #" });

        var hostileMatches = await ToListAsync(table.QueryAsync(TableFilter.Create($"Name eq {hostile}")));
        var unicodeMatches = await ToListAsync(table.QueryAsync(TableFilter.Create($"Name eq {"其他 'quoted' & + % #"}")));

        Assert.Equal(["1"], hostileMatches.Select(e => e.RowKey));
        Assert.Equal(["3"], unicodeMatches.Select(e => e.RowKey));
    }

    [Fact]
    public async Task QueryAsync_TypedFilterValues_SelectTheRightEntities()
    {
        var (table, _) = await NewTableAsync();
        var due = new DateTimeOffset(2026, 11, 21, 9, 30, 0, TimeSpan.FromHours(8));
        var owner = Guid.NewGuid();
        await table.AddEntityAsync(new TableEntity("p", "early") { ["Due"] = due.AddDays(-1), ["Owner"] = owner, ["Size"] = 5_000_000_000L, ["Hash"] = new byte[] { 1, 2 }, ["Score"] = 2.5 });
        await table.AddEntityAsync(new TableEntity("p", "late") { ["Due"] = due.AddDays(1), ["Owner"] = Guid.NewGuid(), ["Size"] = 1L, ["Hash"] = new byte[] { 3 }, ["Score"] = 1.0 });

        async Task<string[]> RowsAsync(string filter) => (await ToListAsync(table.QueryAsync(filter))).Select(e => e.RowKey).ToArray();

        Assert.Equal(["early"], await RowsAsync(TableFilter.Create($"Due lt {due}")));
        Assert.Equal(["early"], await RowsAsync(TableFilter.Create($"Owner eq {owner}")));
        Assert.Equal(["early"], await RowsAsync(TableFilter.Create($"Size gt {int.MaxValue + 1L}")));
        Assert.Equal(["early"], await RowsAsync(TableFilter.Create($"Hash eq {new byte[] { 1, 2 }}")));
        Assert.Equal(["late"], await RowsAsync(TableFilter.Create($"Score lt {2.0}")));
        Assert.Equal(["late"], await RowsAsync(TableFilter.And(TableFilter.Create($"PartitionKey eq {"p"}"), TableFilter.Create($"Due gt {due}"))));
    }

    [Fact]
    public async Task QueryAsync_SelectAndTop_ReturnOnlyAskedProperties()
    {
        var (table, _) = await NewTableAsync();
        await FillAsync(table, "p", 3);
        await table.UpsertEntityAsync(new TableEntity("p", "00000") { ["Extra"] = "e" });

        await foreach (var page in table.QueryAsync(maxPerPage: 2, select: ["N"]).AsPages())
        {
            Assert.Equal(2, page.Values.Count);
            Assert.All(page.Values, e => Assert.False(e.ContainsKey("Extra")));
            Assert.All(page.Values, e => Assert.NotNull(e.GetInt32("N")));
            break;
        }
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
