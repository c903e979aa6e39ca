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
    /// Whether a submission is projected (desks, queues, counters, reports, inboxes) after the enterprise has its
    /// answer, by the <see cref="BackgroundDispatcher"/> workers the host runs, rather than before. Staff commands and timers
    /// always project before they answer, so a user sees their own change on the next page.
    /// </summary>
    public bool BackgroundDispatch { get; set; } = true;

    /// <summary>Concurrent background dispatches. One is enough with group commit, and leaves the account to the requests.</summary>
    public int BackgroundDispatchWorkers { get; set; } = 1;

    /// <summary>
    /// Submissions waiting for dispatch before the next submit waits for room (back-pressure). Sized to absorb a
    /// burst of some seconds at full intake speed (a queued submission holds its events, a few KiB; projection starts
    /// early once three quarters are taken); every one is durable already, so a crash loses no work, only delays it
    /// until the sweep.
    /// </summary>
    public int BackgroundDispatchCapacity { get; set; } = 20_000;

    /// <summary>
    /// Most submissions a background worker projects together (group commit: rows of one partition share a
    /// transaction, at most 100 actions each). 1 projects every submission on its own.
    /// </summary>
    public int BackgroundDispatchGroup { get; set; } = 200;

    /// <summary>
    /// How long a worker lets submissions gather before it projects them, and how long intake must pause before a
    /// burst counts as over: the longest a desk lags behind a submission when intake is quiet.
    /// </summary>
    public TimeSpan BackgroundDispatchLinger { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// Submissions per second above which intake counts as a burst: the answers go first and the projection waits
    /// until intake pauses (for four <see cref="BackgroundDispatchLinger"/>s), the oldest submission has waited
    /// <see cref="BackgroundDispatchMaxDelay"/>, or three quarters of the buffer is taken. Below it, submissions are projected a
    /// linger after they arrive.
    /// </summary>
    public double BackgroundDispatchBurstRate { get; set; } = 100;

    /// <summary>
    /// The longest a submission waits for its projection during a burst: the most a desk may lag while intake is busy.
    /// Well below the pending-dispatch marker's two-minute grace, after which the sweep would project it too.
    /// </summary>
    public TimeSpan BackgroundDispatchMaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long an assignment may balance on a cached count of each officer's open tickets. This instance's own
    /// assignments move the count at once and its staff commands mark it stale; the lifetime is how late another
    /// instance's work shows. Counting a department's desks reads every open ticket on them, so not too often.
    /// </summary>
    public TimeSpan WorkloadCacheLifetime { get; set; } = TimeSpan.FromMinutes(2);

    public Uri? WebhookUrl { get; set; }

    public string? WebhookSecret { get; set; }

    /// <summary>
    /// Prepended to every table, container and queue name (lowercase letters and digits), so several
    /// isolated engines can share one account — tests on one Azurite, or a staging slot. Empty in production.
    /// </summary>
    public string StorageNamePrefix { get; set; } = "";
}
