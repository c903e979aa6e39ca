namespace Assist.Storage.Workflow;

/// <summary>The workflow engine's settings (configuration section <see cref="SectionName"/>).</summary>
public sealed class WorkflowOptions
{
    public const string SectionName = "Workflow";

    public int MaxCommitAttempts { get; set; } = 5;

    /// <summary>How far back the first sweep (no stored cursor yet) looks for due timers.</summary>
    public TimeSpan SweepLookBack { get; set; } = TimeSpan.FromDays(2);

    /// <summary>
    /// How many tickets one sweep fires timers for at once. A ticket's own timers always fire one after another, in
    /// due order; this bounds the parallel storage calls a sweep makes when many tickets come due together.
    /// </summary>
    public int SweepConcurrency { get; set; } = 16;

    /// <summary>
    /// When a sweep stops starting new work, leaving the rest (and the cursor) for the next sweep. Below the host's
    /// <c>functionTimeout</c> (5 min in host.json), so a long catch-up ends cleanly instead of being cut off.
    /// </summary>
    public TimeSpan SweepTimeBudget { get; set; } = TimeSpan.FromMinutes(4);

    public TimeSpan PendingUploadLifetime { get; set; } = TimeSpan.FromHours(1);

    public TimeSpan IdempotencyLifetime { get; set; } = TimeSpan.FromHours(24);

    /// <summary>
    /// How long an assignment may balance on a cached count of each officer's open tickets. This instance's own
    /// assignments move the count at once and its staff commands mark it stale; the lifetime is how late another
    /// instance's work shows. Counting a department's desks reads every open ticket on them, so not too often.
    /// </summary>
    public TimeSpan WorkloadCacheLifetime { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Prepended to every table, container and queue name (lowercase letters and digits), so several
    /// isolated engines can share one account — tests on one Azurite, or a staging slot. Empty in production.
    /// </summary>
    public string StorageNamePrefix { get; set; } = "";
}
