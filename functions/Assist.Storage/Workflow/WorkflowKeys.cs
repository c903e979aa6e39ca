using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Assist.Storage.Workflow;

/// <summary>Partition and row keys of the engine's tables, in one place so every reader and writer agrees.</summary>
/// <remarks>
/// No two rows of a table share a row key when there are many partitions of the same kind: every per-ticket row key
/// ends in the ticket number (<c>head|{number}</c>, <c>e-{version}|{number}</c>, <c>o-{version}-{n}|{number}</c>,
/// <c>views|{number}</c>) and the idempotency claim ends in its key's hash. Azure does not need this, Azurite does:
/// its table store finds an entity with LokiJS <c>findOne({RowKey, PartitionKey})</c>, which uses the binary index of
/// the first property (RowKey) and then filters those matches one by one by PartitionKey. A row key shared by every
/// ticket (a constant <c>head</c>) made each point read, insert, update and delete scan every ticket, so local
/// runs, tests and benchmarks slowed down linearly with the number of tickets and seeding was quadratic.
/// The suffix keeps order and prefix ranges: the events of a partition still sort by version inside
/// <c>e-</c>..<c>e.</c>, the outbox rows inside <c>o-</c>..<c>o.</c>.
/// </remarks>
internal static class WorkflowKeys
{
    public const string HeadPrefix = "head|";
    public const string EventPrefix = "e-";
    public const string OutboxPrefix = "o-";
    public const string IdempotencyRowPrefix = "idem|";
    public const string SweepPartition = "sweep";
    public const string CursorRow = "cursor";
    /// <summary>Ticket timer rows written by versions before the orchestrations; the sweep only drops them.</summary>
    public const string TimerPrefix = "timer|";
    public const string DispatchPrefix = "dispatch|";

    /// <summary>On a pending-dispatch marker: the marker is a submission's, whose first commit has no outbox row (project the whole history).</summary>
    public const string FirstCommitFlag = "FirstCommit";
    public const string IdempotencyPartitionPrefix = "idem-";
    public const string IdempotencyExpiryPrefix = "idem|";
    public const string BucketFormat = "yyyyMMddHHmm";

    /// <summary>The ticket's head row (state snapshot and ledger head).</summary>
    public static string Head(string ticket) => HeadPrefix + ticket;

    /// <summary>An event row: ordered by version within the ticket partition, inside the <see cref="EventPrefix"/> range.</summary>
    public static string Event(string ticket, int version) => $"{EventPrefix}{version.ToString("D10", CultureInfo.InvariantCulture)}|{ticket}";

    /// <summary>An outbox row, inside the <see cref="OutboxPrefix"/> range of the ticket partition.</summary>
    public static string Outbox(string ticket, int version, int n) =>
        $"{OutboxPrefix}{version.ToString("D10", CultureInfo.InvariantCulture)}-{n.ToString(CultureInfo.InvariantCulture)}|{ticket}";

    /// <summary>The upper bound of a prefix range: the prefix with its last character incremented.</summary>
    public static string PrefixEnd(string prefix) => prefix[..^1] + (char)(prefix[^1] + 1);

    public static string IdempotencyPartition(string key) =>
        IdempotencyPartitionPrefix + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    /// <summary>The claim row of an idempotency key, in its <see cref="IdempotencyPartition"/>: named after the key's hash too.</summary>
    public static string IdempotencyRow(string idempotencyPartition) => IdempotencyRowPrefix + idempotencyPartition[IdempotencyPartitionPrefix.Length..];

    /// <summary>The housekeeping-index row that expires an idempotency claim (in <c>DueTimers</c>).</summary>
    public static string IdempotencyExpiry(string idempotencyPartition) => IdempotencyExpiryPrefix + idempotencyPartition[IdempotencyPartitionPrefix.Length..];

    public static string Bucket(DateTimeOffset instant) => instant.UtcDateTime.ToString(BucketFormat, CultureInfo.InvariantCulture);

    public static DateTimeOffset BucketStart(string bucket) =>
        new(DateTime.ParseExact(bucket, BucketFormat, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal), TimeSpan.Zero);

    /// <summary>The day index lists the non-empty minute buckets of a UTC day, so a sweep over days reads one partition per day.</summary>
    public static string DayIndex(string bucket) => "days|" + bucket[..8];


    public static string Dispatch(string ticket) => DispatchPrefix + ticket;

    public static string Desk(string officerId) => "desk|" + officerId;

    public static string DepartmentQueue(string departmentId) => "dept|" + departmentId;

    public const string Overdue = "overdue";

    /// <summary>
    /// Open tickets holding a provisional deadline (computed on Monday–Friday over a year without official data): the
    /// tickets to recompute when an administrator loads a year, found without scanning tickets.
    /// </summary>
    public const string ProvisionalDeadlines = "provisional";

    /// <summary>Where a ticket without a deadline sorts in <see cref="DeadlineRow"/> and <see cref="OverdueRow"/>: after every instant.</summary>
    public const string NoDeadline = "9999999999999999999";

    /// <summary>
    /// A ticket's row in a desk or a department queue: the UTC ticks of its deadline (<see cref="NoDeadline"/> when it has
    /// none), then the ticket (see the remarks). The partition reads soonest deadline first, so a page is a row-key range.
    /// </summary>
    public static string DeadlineRow(DateTimeOffset? dueAt, string ticket) => DueTicks(dueAt) + "|" + ticket;

    /// <summary>
    /// A ticket's row on the overdue board, in the board's order: the highest rung first (<c>9 − level</c>: HQ 5, red 6,
    /// yellow 7); then tickets whose resolution clock runs (0) before paused ones (1), whose working days overdue are
    /// counted as zero; then the earliest deadline, which for running clocks is the most working days overdue; then the
    /// ticket. The same order the board had when it was sorted in the app, so a page is a row-key range.
    /// </summary>
    public static string OverdueRow(AttentionLevel level, bool clockRuns, DateTimeOffset? dueAt, string ticket) =>
        string.Create(CultureInfo.InvariantCulture, $"{9 - (int)level}|{(clockRuns ? 0 : 1)}|{DueTicks(dueAt)}|{ticket}");

    private static string DueTicks(DateTimeOffset? dueAt) =>
        dueAt is { } at ? at.UtcTicks.ToString("D19", CultureInfo.InvariantCulture) : NoDeadline;

    /// <summary>The supervisors' worklist: returns and extensions waiting for a decision, one row per request.</summary>
    public const string PendingDecisions = "decisions";

    /// <summary>
    /// A request's row in <see cref="PendingDecisions"/>: the UTC ticks it was made at, so the partition reads oldest
    /// first and pages by row key; then the kind, as one ticket may wait for both; then the ticket (see the remarks).
    /// </summary>
    public static string PendingDecision(DateTimeOffset requestedAt, PendingDecisionKind kind, string ticket) =>
        string.Create(CultureInfo.InvariantCulture, $"{requestedAt.UtcTicks:D19}|{kind}|{ticket}");

    public static string Inbox(string userId) => "inbox|" + userId;

    /// <summary>
    /// The partition of a ticket's view tracker: shared by the tickets numbered on one day (<c>2026-1121-…</c> →
    /// <c>ticket|2026-1121</c>), so the trackers of submissions projected together go in one transaction.
    /// </summary>
    public static string ViewTracker(string ticket) => "ticket|" + (ticket.LastIndexOf('-') is > 0 and var dash ? ticket[..dash] : ticket);

    /// <summary>The tracker row in <see cref="ViewTracker"/>: named after the ticket (see the remarks on this class).</summary>
    public static string ViewTrackerRow(string ticket) => "views|" + ticket;

    public const string AssignmentPartition = "assign";

    public static string CounterPartition(string month, string departmentId) => month + "|" + departmentId;

    public const string CounterTotalRow = "total";

    public static string CounterDelta(string ticket, int version) => $"d|{ticket}|{version.ToString("D10", CultureInfo.InvariantCulture)}";
}
