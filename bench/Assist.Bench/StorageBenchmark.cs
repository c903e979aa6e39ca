using System.Diagnostics;
using System.Globalization;
using Assist.Storage;
using Assist.Tests;
using Azure.Data.Tables;

namespace Assist.Bench;

/// <summary>
/// Inserts the same number of entities three ways on a private Azurite — one request each (sequential and 16
/// concurrent), and entity group transactions of 100 — and reports time, throughput and the storage
/// transactions the metering policy counted.
/// </summary>
internal static class StorageBenchmark
{
    private const int BatchSize = TableStorage.MaxTransactionActions;
    private const int Concurrency = 16;

    public static async Task<int> RunAsync(string[] args)
    {
        var entities = 1000;
        if (args.Length == 2 && args[0] == "--entities" && int.TryParse(args[1], CultureInfo.InvariantCulture, out var parsed) && parsed > 0)
        {
            entities = parsed;
        }
        else if (args.Length != 0)
        {
            Console.Error.WriteLine("usage: Assist.Bench storage [--entities N]");
            return 2;
        }

        Console.WriteLine($"Starting a private Azurite for {entities:N0} entities per run...");
        await using var azurite = await AzuriteInstance.StartAsync();
        var clients = StorageAccountClients.FromConnectionString(azurite.ConnectionString);

        // Warm up connections, JIT and Azurite's table store so the first measured run is not penalised.
        var warmUp = clients.Tables.GetTableClient("warmup");
        await warmUp.CreateIfNotExistsAsync();
        await InsertSinglyAsync(warmUp, "warm", 50, 1);
        await InsertInBatchesAsync(warmUp, "warmbatch", 100);

        var table = new ResultTable("Run", "Entities", "Time (ms)", "Entities/s", "Storage transactions", "Transactions by kind");
        await MeasureAsync(clients, table, $"{entities:N0} single inserts, sequential", entities, t => InsertSinglyAsync(t, "single", entities, 1));
        await MeasureAsync(clients, table, $"{entities:N0} single inserts, {Concurrency} concurrent", entities, t => InsertSinglyAsync(t, "concurrent", entities, Concurrency));
        await MeasureAsync(clients, table, $"{(entities + BatchSize - 1) / BatchSize} batches of {BatchSize}", entities, t => InsertInBatchesAsync(t, "batch", entities));

        Console.WriteLine();
        Console.WriteLine($"Azure Table storage on Azurite 3.37, {Environment.ProcessorCount} cores, client and Azurite on one machine:");
        Console.WriteLine();
        Console.Write(table);
        return 0;
    }

    private static async Task MeasureAsync(StorageAccountClients clients, ResultTable results, string name, int entities, Func<TableClient, Task> run)
    {
        var tableClient = clients.Tables.GetTableClient("bench" + Guid.NewGuid().ToString("N")[..10]);
        await tableClient.CreateIfNotExistsAsync();
        var before = clients.Metering.Snapshot();
        var clock = Stopwatch.StartNew();
        await run(tableClient);
        clock.Stop();
        var transactions = clients.Metering.Snapshot().Since(before);

        var stored = 0;
        await foreach (var _ in tableClient.QueryAsync<TableEntity>(select: ["PartitionKey"]))
        {
            stored++;
        }

        if (stored != entities)
        {
            throw new InvalidOperationException($"{name}: expected {entities} entities stored, found {stored}.");
        }

        results.Add(name, entities, clock.Elapsed.TotalMilliseconds, entities / clock.Elapsed.TotalSeconds, transactions.Total, transactions.ToString());
        Console.WriteLine($"  {name}: {clock.Elapsed.TotalMilliseconds:N0} ms");
    }

    private static async Task InsertSinglyAsync(TableClient table, string partitionKey, int count, int concurrency)
    {
        var next = -1;
        async Task WorkerAsync()
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < count)
            {
                await table.AddEntityAsync(Ticket(partitionKey, i));
            }
        }

        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => WorkerAsync()));
    }

    private static async Task InsertInBatchesAsync(TableClient table, string partitionKey, int count)
    {
        for (var start = 0; start < count; start += BatchSize)
        {
            var actions = Enumerable.Range(start, Math.Min(BatchSize, count - start))
                .Select(i => new TableTransactionAction(TableTransactionActionType.Add, Ticket(partitionKey, i)));
            await table.SubmitTransactionAsync(actions);
        }
    }

    /// <summary>An entity the size and shape of a ticket event: a few strings, a date, a number.</summary>
    private static TableEntity Ticket(string partitionKey, int i) => new(partitionKey, i.ToString("D8", CultureInfo.InvariantCulture))
    {
        ["Type"] = "TicketAssigned",
        ["Department"] = "市场监管局",
        ["Actor"] = "liaison-" + (i % 17).ToString(CultureInfo.InvariantCulture),
        ["At"] = new DateTimeOffset(2026, 11, 21, 9, 0, 0, TimeSpan.FromHours(8)).AddSeconds(i),
        ["Version"] = (long)i,
        ["Note"] = "部门已报到, awaiting the enterprise's confirmation",
    };
}
