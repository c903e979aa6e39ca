using Assist.Functions.Hosting;
using Assist.Functions.Lifecycle;
using Assist.Tests;
using Microsoft.Extensions.Configuration;

namespace Assist.Functions.Tests.Lifecycle;

/// <summary>The engine's settings come from host.json <c>extensions.durableTask</c>, as the Durable extension reads them, and app settings override them.</summary>
public sealed class DurableTaskSettingsTests
{
    private static readonly string HostJson = RepositoryPaths.Combine("functions", "Assist.Functions", "host.json");

    [Fact]
    public void From_HostJsonAlone_HubAndPartitionsFromItTheRestTheExtensionsDefaults()
    {
        var settings = DurableTaskSettings.From(new ConfigurationBuilder().AddHostJsonFile(HostJson).Build());

        Assert.Equal("AssistHub", settings.HubName);
        Assert.Equal(4, settings.PartitionCount);
        Assert.Equal(TimeSpan.FromMinutes(5), settings.ControlQueueVisibilityTimeout);
        Assert.Equal(TimeSpan.FromMinutes(5), settings.WorkItemQueueVisibilityTimeout);
        Assert.Equal(TimeSpan.FromSeconds(30), settings.MaxQueuePollingInterval);
        Assert.Equal(10 * Environment.ProcessorCount, settings.MaxConcurrentActivityFunctions);
    }

    [Fact]
    public void From_AppSettingsInTheFunctionsHostsForm_OverrideHostJsonAndAPrefixIsolatesTheHub()
    {
        var configuration = new ConfigurationBuilder()
            .AddHostJsonFile(HostJson)
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["AzureFunctionsJobHost:extensions:durableTask:storageProvider:partitionCount"] = "2",
                ["AzureFunctionsJobHost:extensions:durableTask:storageProvider:controlQueueVisibilityTimeout"] = "00:00:30",
                ["AzureFunctionsJobHost:extensions:durableTask:storageProvider:maxQueuePollingInterval"] = "00:00:01",
                ["AzureFunctionsJobHost:extensions:durableTask:maxConcurrentActivityFunctions"] = "7",
            })
            .Build();

        var settings = DurableTaskSettings.From(configuration, "t123");

        Assert.Equal("t123AssistHub", settings.HubName);
        Assert.Equal(2, settings.PartitionCount);
        Assert.Equal(TimeSpan.FromSeconds(30), settings.ControlQueueVisibilityTimeout);
        Assert.Equal(TimeSpan.FromSeconds(1), settings.MaxQueuePollingInterval);
        Assert.Equal(7, settings.MaxConcurrentActivityFunctions);
    }

    [Theory]
    [InlineData("ab")]
    [InlineData("1hub")]
    [InlineData("my-hub")]
    public void From_HubNameTheStorageProviderCannotUse_FailsAtStartWithTheName(string hub)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["AzureFunctionsJobHost:extensions:durableTask:hubName"] = hub })
            .Build();

        var error = Assert.Throws<InvalidOperationException>(() => DurableTaskSettings.From(configuration));
        Assert.Contains(hub, error.Message, StringComparison.Ordinal);
    }
}
