using Assist.Storage.Pipeline;
using Assist.Tests;

namespace Assist.Storage.Tests;

/// <summary>Clients on the test run's Azurite, each test with its own metering and uniquely named resources.</summary>
internal static class StorageTestClients
{
    public static StorageAccountClients For(AzuriteFixture fixture, StorageClientOptions? options = null) =>
        StorageAccountClients.FromConnectionString(fixture.Azurite.ConnectionString, options ?? new StorageClientOptions());

    /// <summary>A name valid for tables, containers and queues alike (lowercase letters and digits).</summary>
    public static string UniqueName(string prefix) => prefix + Guid.NewGuid().ToString("N")[..12];
}
