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

    public Uri? WebhookUrl { get; set; }

    public string? WebhookSecret { get; set; }

    /// <summary>
    /// Prepended to every table, container and queue name (lowercase letters and digits), so several
    /// isolated engines can share one account — tests on one Azurite, or a staging slot. Empty in production.
    /// </summary>
    public string StorageNamePrefix { get; set; } = "";
}
