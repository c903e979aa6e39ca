using Assist.Domain.Calendar;
using Assist.Domain.Common;
using Assist.Domain.Tickets;
using Assist.Storage.Workflow;
using Azure.Data.Tables;

namespace Assist.Storage.Reports;

/// <summary>
/// A ticket's ledger line, built from its state and events (pure), its table row, and the partitions the row is
/// copied to: the month's primary partition and one secondary index per filter value, so every supported filter
/// reads one partition of one month.
/// </summary>
internal static class LedgerRows
{
    public const string IndexesColumn = "Indexes";
    private const char ListSeparator = ',';

    public static LedgerLine? Line(TicketRecord record, IEnumerable<TicketEvent> events)
    {
        var state = record.State;
        if (state.Submission is not { } submission || state.SubmittedAt is not { } received)
        {
            return null;
        }

        var wentOverdue = false;
        var highest = AttentionLevel.None;
        DateTimeOffset? firstReply = null;
        foreach (var @event in events)
        {
            switch (@event)
            {
                case EscalationRaised { Rung: EscalationRung.BlueReminder }:
                    highest = Max(highest, AttentionLevel.Blue);
                    break;
                case EscalationRaised { Rung: EscalationRung.YellowCard }:
                    highest = Max(highest, AttentionLevel.Yellow);
                    wentOverdue = true;
                    break;
                case EscalationRaised { Rung: EscalationRung.RedCard }:
                    highest = Max(highest, AttentionLevel.Red);
                    wentOverdue = true;
                    break;
                case TicketEscalatedToHq:
                    highest = AttentionLevel.Hq;
                    break;
                case TicketReplied e:
                    firstReply ??= e.At;
                    wentOverdue |= !e.OnTime;
                    break;
            }
        }

        var lead = state.Department(state.LeadDepartmentId);
        var firstResponse = (state.FirstContactAt, firstReply) switch
        {
            ({ } contact, { } reply) => contact < reply ? contact : reply,
            (var contact, var reply) => contact ?? reply,
        };
        return new LedgerLine(
            state.TicketNumber,
            received,
            submission.Title,
            submission.Type,
            submission.Topic,
            submission.Urgent,
            submission.Confidential,
            submission.Enterprise.Name,
            submission.Enterprise.CreditCode,
            submission.Enterprise.District,
            state.Status,
            state.LeadDepartmentId,
            state.Departments.Where(d => d.DepartmentId != state.LeadDepartmentId).Select(d => d.DepartmentId).ToValueList(),
            state.OfficerId,
            state.Clock?.Due.At,
            lead?.SignedInAt,
            lead?.SignedInAt is null ? null : lead.SignedInOnTime,
            firstResponse,
            state.LastReply?.At,
            CompletionDeltas.CompletedOnTime(state),
            state.LastReply?.Resolved,
            state.Closure?.ClosedAt,
            state.Closure?.Kind,
            state.Closure?.Rating,
            wentOverdue,
            highest,
            state.Returns,
            state.ImproperReturns,
            state.Extensions,
            state.Version,
            record.UpdatedAt,
            state.CommonIssueId);
    }

    public static string Month(LedgerLine line, WorkingCalendar calendar) => MeasureDeltas.Month(line.ReceivedAt, calendar);

    public static string RowKey(LedgerLine line, WorkingCalendar calendar) => ReportKeys.LedgerRow(line.ReceivedAt.ToOffset(calendar.UtcOffset), line.Number);

    /// <summary>Every partition the line belongs in, the primary one first.</summary>
    public static List<string> Partitions(LedgerLine line, WorkingCalendar calendar)
    {
        var month = Month(line, calendar);
        var partitions = new List<string> { ReportKeys.Ledger(month) };
        foreach (var department in Departments(line))
        {
            partitions.Add(ReportKeys.LedgerIndex(month, ReportKeys.DepartmentIndex, department));
        }

        if (IsKey(line.Topic))
        {
            partitions.Add(ReportKeys.LedgerIndex(month, ReportKeys.TopicIndex, line.Topic));
        }

        partitions.Add(ReportKeys.LedgerIndex(month, ReportKeys.StatusIndex, line.Status.ToString()));
        if (line.OfficerId is { } officer && IsKey(officer))
        {
            partitions.Add(ReportKeys.LedgerIndex(month, ReportKeys.OfficerIndex, officer));
        }

        if (!string.IsNullOrWhiteSpace(line.CreditCode))
        {
            partitions.Add(ReportKeys.LedgerIndex(month, ReportKeys.CreditCodeIndex, ReportKeys.Fingerprint(line.CreditCode)));
        }

        if (!string.IsNullOrWhiteSpace(line.EnterpriseName))
        {
            partitions.Add(ReportKeys.LedgerIndex(month, ReportKeys.EnterpriseNameIndex, ReportKeys.Fingerprint(line.EnterpriseName)));
        }

        if (line.WentOverdue)
        {
            partitions.Add(ReportKeys.LedgerIndex(month, ReportKeys.OverdueIndex));
        }

        return [.. partitions.Distinct(StringComparer.Ordinal)];
    }

    public static IEnumerable<string> Departments(LedgerLine line) =>
        (line.LeadDepartmentId is { } lead ? new[] { lead } : []).Concat(line.CoHandlerDepartmentIds).Where(IsKey).Distinct(StringComparer.Ordinal);

    public static TableEntity Row(string partition, string rowKey, LedgerLine line, IEnumerable<string>? indexes = null)
    {
        var row = new TableEntity(partition, rowKey)
        {
            ["Number"] = line.Number,
            ["ReceivedAt"] = line.ReceivedAt,
            ["Title"] = line.Title,
            ["Topic"] = line.Topic,
            ["Urgent"] = line.Urgent,
            ["Confidential"] = line.Confidential,
            ["Status"] = line.Status.ToString(),
            ["Departments"] = "|" + string.Join('|', Departments(line)) + "|",
            ["CoHandlers"] = string.Join(ListSeparator, line.CoHandlerDepartmentIds),
            ["WentOverdue"] = line.WentOverdue,
            ["HighestLevel"] = line.HighestLevel.ToString(),
            ["Returns"] = line.Returns,
            ["ImproperReturns"] = line.ImproperReturns,
            ["Extensions"] = line.Extensions,
            ["Version"] = line.Version,
            ["UpdatedAt"] = line.UpdatedAt,
        };
        Put(row, "Type", line.Type?.ToString());
        Put(row, "EnterpriseName", line.EnterpriseName);
        Put(row, "CreditCode", line.CreditCode);
        Put(row, "District", line.District);
        Put(row, "LeadDepartmentId", line.LeadDepartmentId);
        Put(row, "OfficerId", line.OfficerId);
        Put(row, "DueAt", line.DueAt);
        Put(row, "SignedInAt", line.SignedInAt);
        Put(row, "SignedInOnTime", line.SignedInOnTime);
        Put(row, "FirstResponseAt", line.FirstResponseAt);
        Put(row, "RepliedAt", line.RepliedAt);
        Put(row, "CompletedOnTime", line.CompletedOnTime);
        Put(row, "Resolved", line.Resolved);
        Put(row, "ClosedAt", line.ClosedAt);
        Put(row, "Closure", line.Closure?.ToString());
        Put(row, "Rating", line.Rating?.ToString());
        Put(row, "CommonIssueId", line.CommonIssueId);
        if (indexes is not null)
        {
            row[IndexesColumn] = string.Join('\n', indexes);
        }

        return row;
    }

    public static LedgerLine Line(TableEntity row) => new(
        row.GetString("Number") ?? "",
        row.GetDateTimeOffset("ReceivedAt") ?? default,
        row.GetString("Title") ?? "",
        Enum.TryParse<TicketType>(row.GetString("Type"), out var type) ? type : null,
        row.GetString("Topic") ?? "",
        row.GetBoolean("Urgent") == true,
        row.GetBoolean("Confidential") == true,
        row.GetString("EnterpriseName"),
        row.GetString("CreditCode"),
        row.GetString("District"),
        Enum.TryParse<TicketStatus>(row.GetString("Status"), out var status) ? status : TicketStatus.New,
        row.GetString("LeadDepartmentId"),
        (row.GetString("CoHandlers") ?? "").Split(ListSeparator, StringSplitOptions.RemoveEmptyEntries).ToValueList(),
        row.GetString("OfficerId"),
        row.GetDateTimeOffset("DueAt"),
        row.GetDateTimeOffset("SignedInAt"),
        row.GetBoolean("SignedInOnTime"),
        row.GetDateTimeOffset("FirstResponseAt"),
        row.GetDateTimeOffset("RepliedAt"),
        row.GetBoolean("CompletedOnTime"),
        row.GetBoolean("Resolved"),
        row.GetDateTimeOffset("ClosedAt"),
        Enum.TryParse<ClosureKind>(row.GetString("Closure"), out var closure) ? closure : null,
        Enum.TryParse<SatisfactionRating>(row.GetString("Rating"), out var rating) ? rating : null,
        row.GetBoolean("WentOverdue") == true,
        Enum.TryParse<AttentionLevel>(row.GetString("HighestLevel"), out var level) ? level : AttentionLevel.None,
        row.GetInt32("Returns") ?? 0,
        row.GetInt32("ImproperReturns") ?? 0,
        row.GetInt32("Extensions") ?? 0,
        row.GetInt32("Version") ?? 0,
        row.GetDateTimeOffset("UpdatedAt") ?? default,
        row.GetString("CommonIssueId"));

    public static HashSet<string> Indexes(TableEntity? row) =>
        string.IsNullOrEmpty(row?.GetString(IndexesColumn)) ? new(StringComparer.Ordinal) : new(row.GetString(IndexesColumn)!.Split('\n'), StringComparer.Ordinal);

    /// <summary>Ids from the directory are keys already; this keeps anything else out of a partition key.</summary>
    public static bool IsKey(string? value) =>
        !string.IsNullOrWhiteSpace(value) && value.Length <= 200 && !value.Any(c => char.IsControl(c) || c is '/' or '\\' or '#' or '?' or '|');

    private static void Put(TableEntity row, string name, object? value)
    {
        if (value is not null)
        {
            row[name] = value;
        }
    }

    private static AttentionLevel Max(AttentionLevel a, AttentionLevel b) => a > b ? a : b;
}
