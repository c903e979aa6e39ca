using System.Text.RegularExpressions;

namespace Assist.Functions.Lifecycle;

/// <summary>
/// The engine's settings, read where the Durable extension reads them in Azure: <c>host.json</c>
/// <c>extensions.durableTask</c> (loaded as configuration section <c>AzureFunctionsJobHost</c>, so an app setting such as
/// <c>AzureFunctionsJobHost__extensions__durableTask__hubName</c> overrides it, as it does for the Functions host).
/// Defaults are the extension's, except where noted.
/// </summary>
public sealed partial record DurableTaskSettings
{
    public const string SectionName = "AzureFunctionsJobHost:extensions:durableTask";

    /// <summary><c>hubName</c>: names the task hub's tables, queues and containers.</summary>
    public string HubName { get; init; } = "AssistHub";

    /// <summary><c>storageProvider.partitionCount</c>: control queues (1–16); fixed once the hub exists.</summary>
    public int PartitionCount { get; init; } = 4;

    /// <summary><c>storageProvider.controlQueueVisibilityTimeout</c>: how long a dequeued orchestration message stays hidden.</summary>
    public TimeSpan ControlQueueVisibilityTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary><c>storageProvider.workItemQueueVisibilityTimeout</c>: the same for activity messages.</summary>
    public TimeSpan WorkItemQueueVisibilityTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary><c>storageProvider.maxQueuePollingInterval</c>: the longest pause between polls of an idle queue.</summary>
    public TimeSpan MaxQueuePollingInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary><c>storageProvider.controlQueueBatchSize</c>: messages taken from a control queue at once.</summary>
    public int ControlQueueBatchSize { get; init; } = 32;

    /// <summary><c>maxConcurrentActivityFunctions</c>: activities run at once by this instance (extension: 10 × cores).</summary>
    public int MaxConcurrentActivityFunctions { get; init; } = 10 * Environment.ProcessorCount;

    /// <summary><c>maxConcurrentOrchestratorFunctions</c>: orchestration episodes run at once (extension: 10 × cores).</summary>
    public int MaxConcurrentOrchestratorFunctions { get; init; } = 10 * Environment.ProcessorCount;

    public static DurableTaskSettings From(IConfiguration configuration, string? storageNamePrefix = null)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(SectionName);
        var provider = section.GetSection("storageProvider");
        var defaults = new DurableTaskSettings();
        var hub = section["hubName"] ?? defaults.HubName;
        if (!string.IsNullOrEmpty(storageNamePrefix))
        {
            // Isolated engines sharing one account (tests, a staging slot) get their own hub, as they get their own tables.
            hub = storageNamePrefix + hub;
        }

        if (!HubNamePattern().IsMatch(hub))
        {
            throw new InvalidOperationException($"Task hub name '{hub}' must be 3–45 letters and digits, starting with a letter.");
        }

        return new DurableTaskSettings
        {
            HubName = hub,
            PartitionCount = provider.GetValue("partitionCount", defaults.PartitionCount),
            ControlQueueVisibilityTimeout = provider.GetValue("controlQueueVisibilityTimeout", defaults.ControlQueueVisibilityTimeout),
            WorkItemQueueVisibilityTimeout = provider.GetValue("workItemQueueVisibilityTimeout", defaults.WorkItemQueueVisibilityTimeout),
            MaxQueuePollingInterval = provider.GetValue("maxQueuePollingInterval", defaults.MaxQueuePollingInterval),
            ControlQueueBatchSize = provider.GetValue("controlQueueBatchSize", defaults.ControlQueueBatchSize),
            MaxConcurrentActivityFunctions = section.GetValue("maxConcurrentActivityFunctions", defaults.MaxConcurrentActivityFunctions),
            MaxConcurrentOrchestratorFunctions = section.GetValue("maxConcurrentOrchestratorFunctions", defaults.MaxConcurrentOrchestratorFunctions),
        };
    }

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9]{2,44}$")]
    private static partial Regex HubNamePattern();
}
