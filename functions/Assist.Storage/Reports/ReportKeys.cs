using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Assist.Storage.Reports;

/// <summary>
/// Partition and row keys of the report projections. The ledger and red-card rows live in <c>ReadModels</c> (so a
/// rebuild of the projections rebuilds them), the measure and flow counters in <c>Counters</c> beside the monthly
/// department counters, under prefixes that never fall inside a month's <c>yyyy-MM|…</c> range.
/// </summary>
internal static class ReportKeys
{
    public const string LedgerPrefix = "ledger|";
    public const string DepartmentIndex = "dept";
    public const string TopicIndex = "topic";
    public const string StatusIndex = "status";
    public const string OfficerIndex = "officer";
    public const string CreditCodeIndex = "ent";
    public const string EnterpriseNameIndex = "entname";
    public const string OverdueIndex = "overdue";

    public const string MeasureFamily = "measure";
    public const string FlowFamily = "flow";

    /// <summary>按时办结率 by the deadline's month, with the monthly and quarterly carries (<see cref="CompletionDeltas"/>).</summary>
    public const string CompletionFamily = "completion";

    /// <summary>The one series of the flow family: tickets opened and closed across all departments.</summary>
    public const string AllDepartments = "all";

    /// <summary>Every ticket received in <paramref name="month"/> (<c>yyyy-MM</c>, China time): the ledger's primary rows.</summary>
    public static string Ledger(string month) => LedgerPrefix + month;

    /// <summary>A secondary index of the month: the same rows, only those matching one filter value.</summary>
    public static string LedgerIndex(string month, string index, string value) => $"{LedgerPrefix}{month}|{index}|{value}";

    public static string LedgerIndex(string month, string index) => $"{LedgerPrefix}{month}|{index}";

    /// <summary>Ledger row key: received time (China time) then number, so a partition reads in order of receipt.</summary>
    public static string LedgerRow(DateTimeOffset receivedLocal, string number) =>
        receivedLocal.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture) + "|" + number;

    /// <summary>Enterprise names and credit codes index under a hash: any text is a safe key, and the key says nothing.</summary>
    public static string Fingerprint(string value) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value.Trim().ToUpperInvariant())))[..24];

    public static string RedCards(string month) => "redcard|" + month;

    public static string RedCardRow(string number, int version) => $"{number}|{version.ToString("D10", CultureInfo.InvariantCulture)}";

    public static string CounterPartition(string family, string period, string series) => $"{family}|{period}|{series}";

    public static string CounterDelta(string ticket, int version) => $"d|{ticket}|{version.ToString("D10", CultureInfo.InvariantCulture)}";
}
