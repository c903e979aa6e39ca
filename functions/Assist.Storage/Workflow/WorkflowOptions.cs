namespace Assist.Storage.Workflow;

/// <summary>The workflow engine's settings (configuration section <see cref="SectionName"/>).</summary>
public sealed class WorkflowOptions
{
    public const string SectionName = "Workflow";

    public int MaxCommitAttempts { get; set; } = 5;

    /// <summary>How far back the first sweep (no stored cursor yet) looks for due timers.</summary>
    public TimeSpan SweepLookBack { get; set; } = TimeSpan.FromDays(2);

    public TimeSpan PendingUploadLifetime { get; set; } = TimeSpan.FromHours(1);

    public TimeSpan IdempotencyLifetime { get; set; } = TimeSpan.FromHours(24);

    /// <summary>
    /// Whether a submission is projected (desks, queues, counters, reports, inboxes) after the enterprise has its
    /// answer, by the <see cref="BackgroundDispatcher"/> workers the host runs, rather than before. Staff commands and timers
    /// always project before they answer, so a user sees their own change on the next page.
    /// </summary>
    public bool BackgroundDispatch { get; set; } = true;

    /// <summary>Concurrent background dispatches: enough to keep up with intake without crowding out the requests.</summary>
    public int BackgroundDispatchWorkers { get; set; } = 4;

    /// <summary>Submissions waiting for dispatch before the next submit waits for room (back-pressure).</summary>
    public int BackgroundDispatchCapacity { get; set; } = 2_000;

    /// <summary>How long an assignment may balance on a cached count of each officer's open tickets.</summary>
    public TimeSpan WorkloadCacheLifetime { get; set; } = TimeSpan.FromSeconds(30);

    public Uri? WebhookUrl { get; set; }

    public string? WebhookSecret { get; set; }

    /// <summary>
    /// Prepended to every table, container and queue name (lowercase letters and digits), so several
    /// isolated engines can share one account — tests on one Azurite, or a staging slot. Empty in production.
    /// </summary>
    public string StorageNamePrefix { get; set; } = "";
}
