using Assist.Storage.Pipeline;
using Assist.Storage.Tables;
using Microsoft.Extensions.Logging;

namespace Assist.Storage.Tests.Pipeline;

public sealed class StorageRequestLoggingTests
{
    /// <summary>Collects formatted log lines with their level and structured values.</summary>
    private sealed class ListLoggerFactory : ILoggerFactory, ILogger
    {
        public List<(LogLevel Level, string Text, IReadOnlyList<KeyValuePair<string, object?>> Values)> Entries { get; } = [];

        public ILogger CreateLogger(string categoryName) => this;

        public void AddProvider(ILoggerProvider provider)
        {
        }

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Entries.Add((logLevel, formatter(state, exception), state as IReadOnlyList<KeyValuePair<string, object?>> ?? []));

        public void Dispose()
        {
        }
    }

    [Fact]
    public async Task EveryAttempt_IsLoggedWithOutcomeAndNoSecrets()
    {
        using var logs = new ListLoggerFactory();
        var transport = new FakeTransport()
            .Respond(412, """{"odata.error":{"code":"UpdateConditionNotSatisfied","message":{"value":"The update condition specified in the request was not satisfied."}}}""", ("x-ms-error-code", "UpdateConditionNotSatisfied"))
            .Respond(200, "abc", ("Content-Length", "3"));
        var options = new StorageClientOptions { Transport = transport, LoggerFactory = logs };
        var key = Convert.ToBase64String("secret-account-key-bytes-0123456"u8.ToArray());
        var clients = StorageAccountClients.Create(new StorageOptions { ConnectionString = $"DefaultEndpointsProtocol=https;AccountName=acct;AccountKey={key}" }, options);

        await Assert.ThrowsAsync<StorageRequestFailedException>(() => clients.Tables.GetTableClient("tickets").UpdateEntityAsync(new TableEntity("p", "r"), Azure.ETag.All));
        var blob = clients.Blobs.GetBlobContainerClient("files").GetBlobClient("a.txt");
        await using (await blob.DownloadStreamingAsync())
        {
        }

        Assert.Equal(2, logs.Entries.Count);
        Assert.Equal(LogLevel.Information, logs.Entries[0].Level);
        Assert.Contains(logs.Entries[0].Values, v => v.Key == "Status" && Equals(v.Value, 412));
        Assert.Contains(logs.Entries[0].Values, v => v.Key == "ErrorCode" && Equals(v.Value, "UpdateConditionNotSatisfied"));
        Assert.Contains(logs.Entries[1].Values, v => v.Key == "Operation" && Equals(v.Value, StorageOperationKind.BlobGet));
        Assert.All(logs.Entries, e =>
        {
            Assert.DoesNotContain(key, e.Text, StringComparison.Ordinal);
            Assert.DoesNotContain("SharedKey", e.Text, StringComparison.Ordinal);
        });
    }
}
