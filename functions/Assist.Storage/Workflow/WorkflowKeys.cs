using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Assist.Storage.Workflow;

/// <summary>Partition and row keys of the engine's tables, in one place so every reader and writer agrees.</summary>
internal static class WorkflowKeys
{
    public const string Head = "head";
    public const string EventPrefix = "e-";
    public const string OutboxPrefix = "o-";
    public const string IdempotencyRow = "idem";
    public const string SweepPartition = "sweep";
    public const string CursorRow = "cursor";
    public const string TimerPrefix = "timer|";
    public const string DispatchPrefix = "dispatch|";
    public const string IdempotencyExpiryPrefix = "idem|";
    public const string BucketFormat = "yyyyMMddHHmm";

    public static string Event(int version) => EventPrefix + version.ToString("D10", CultureInfo.InvariantCulture);

    public static string Outbox(int version, int n) => $"{OutboxPrefix}{version.ToString("D10", CultureInfo.InvariantCulture)}-{n.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>The upper bound of a prefix range: the prefix with its last character incremented.</summary>
    public static string PrefixEnd(string prefix) => prefix[..^1] + (char)(prefix[^1] + 1);

    public static string IdempotencyPartition(string key) =>
        "idem-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    public static string Bucket(DateTimeOffset instant) => instant.UtcDateTime.ToString(BucketFormat, CultureInfo.InvariantCulture);

    public static DateTimeOffset BucketStart(string bucket) =>
        new(DateTime.ParseExact(bucket, BucketFormat, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal), TimeSpan.Zero);

    /// <summary>The day index lists the non-empty minute buckets of a UTC day, so a sweep over days reads one partition per day.</summary>
    public static string DayIndex(string bucket) => "days|" + bucket[..8];

    public static string Timer(string ticket, string kind, string key, DateTimeOffset dueAt) =>
        $"{TimerPrefix}{ticket}|{kind}|{key}|{dueAt.UtcTicks.ToString("D19", CultureInfo.InvariantCulture)}";

    public static string Dispatch(string ticket) => DispatchPrefix + ticket;

    public static string Desk(string officerId) => "desk|" + officerId;

    public static string DepartmentQueue(string departmentId) => "dept|" + departmentId;

    public const string Overdue = "overdue";

    public static string Inbox(string userId) => "inbox|" + userId;

    public static string ViewTracker(string ticket) => "ticket|" + ticket;

    public const string ViewTrackerRow = "views";

    public const string AssignmentPartition = "assign";

    public static string CounterPartition(string month, string departmentId) => month + "|" + departmentId;

    public const string CounterTotalRow = "total";

    public static string CounterDelta(string ticket, int version) => $"d|{ticket}|{version.ToString("D10", CultureInfo.InvariantCulture)}";
}
