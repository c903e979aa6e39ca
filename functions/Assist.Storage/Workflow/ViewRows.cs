using System.Globalization;
using Assist.Domain.Calendar;
using Assist.Domain.Organization;
using Assist.Domain.Tickets;
using Azure.Data.Tables;

namespace Assist.Storage.Workflow;

/// <summary>A ticket's row in the staff views, and which views it belongs to.</summary>
internal static class ViewRows
{
    public static bool IsOpen(TicketState state) => state.Status is not (TicketStatus.New or TicketStatus.Closed);

    /// <summary>The resolution clock runs (so "overdue" means something) in these states.</summary>
    public static bool ClockRuns(TicketStatus status) => status is TicketStatus.Routed or TicketStatus.InProgress or TicketStatus.ReturnRequested;

    public static AttentionLevel Level(TicketState state) =>
        state.EscalatedToHq ? AttentionLevel.Hq
        : state.RungsReached.Contains(EscalationRung.RedCard) ? AttentionLevel.Red
        : state.RungsReached.Contains(EscalationRung.YellowCard) ? AttentionLevel.Yellow
        : state.RungsReached.Contains(EscalationRung.BlueReminder) ? AttentionLevel.Blue
        : AttentionLevel.None;

    /// <summary>The partitions of <c>Views</c> the ticket appears in now.</summary>
    public static SortedSet<string> Views(TicketState state, string? hqOfficeId)
    {
        var views = new SortedSet<string>(StringComparer.Ordinal);
        if (!IsOpen(state))
        {
            return views;
        }

        if (state.OfficerId is { } officer)
        {
            views.Add(WorkflowKeys.Desk(officer));
        }

        foreach (var department in state.Departments)
        {
            views.Add(WorkflowKeys.DepartmentQueue(department.DepartmentId));
        }

        if (state.Status == TicketStatus.Submitted && hqOfficeId is not null)
        {
            views.Add(WorkflowKeys.DepartmentQueue(hqOfficeId));
        }

        if (state.Status != TicketStatus.Replied && Level(state) >= AttentionLevel.Yellow)
        {
            views.Add(WorkflowKeys.Overdue);
        }

        if (TicketClocks.HoldsProvisionalDeadline(state))
        {
            views.Add(WorkflowKeys.ProvisionalDeadlines);
        }

        return views;
    }

    /// <summary>
    /// Every row the ticket has in <c>Views</c> now, by its slot (<see cref="Slot"/>): one per view partition of
    /// <see cref="Views"/>, keyed in the list's order (<see cref="RowKey"/>), and its requests waiting on the supervisors'
    /// worklist. A new deadline or level is a new slot: the projector writes the new row and deletes the old one.
    /// </summary>
    public static SortedDictionary<string, TableEntity> Rows(TicketRecord record, string? hqOfficeId)
    {
        var rows = new SortedDictionary<string, TableEntity>(StringComparer.Ordinal);
        foreach (var view in Views(record.State, hqOfficeId))
        {
            var row = Row(view, record);
            rows[Slot(view, row.RowKey, record.Number)] = row;
        }

        foreach (var row in DecisionRows(record))
        {
            rows[Slot(row.PartitionKey, row.RowKey, record.Number)] = row;
        }

        return rows;
    }

    /// <summary>
    /// How the view tracker names a row: by its partition alone when the row is named after the ticket (every line
    /// written before the lists were keyed in display order), else <c>partition/rowKey</c>. A table key never contains
    /// '/', so the two cannot be confused.
    /// </summary>
    public static string Slot(string partition, string rowKey, string ticket) =>
        rowKey == ticket ? partition : partition + "/" + rowKey;

    public static (string Partition, string RowKey) ParseSlot(string slot, string ticket) =>
        slot.IndexOf('/', StringComparison.Ordinal) is var slash and >= 0 ? (slot[..slash], slot[(slash + 1)..]) : (slot, ticket);

    /// <summary>
    /// The ticket's requests on the supervisors' worklist, one row each, keyed by when it was asked: a pending return,
    /// and a pending extension while a supervisor can decide it. While a return waits the extension cannot be decided
    /// (the return comes first: accepting it re-routes the ticket and drops the extension), so it leaves the list and
    /// comes back with its old place if the return is refused.
    /// </summary>
    public static IEnumerable<TableEntity> DecisionRows(TicketRecord record)
    {
        var state = record.State;
        if (state.PendingReturn is { } pendingReturn && state.Status == TicketStatus.ReturnRequested)
        {
            yield return DecisionRow(record, PendingDecisionKind.Return, pendingReturn.DepartmentId, pendingReturn.RequestedBy, pendingReturn.RequestedAt, pendingReturn.Reason, null, pendingReturn.DecisionDue);
        }

        if (state.PendingExtension is { } pendingExtension && state.Status is TicketStatus.InProgress or TicketStatus.AwaitingInformation)
        {
            yield return DecisionRow(record, PendingDecisionKind.Extension, pendingExtension.DepartmentId, pendingExtension.RequestedBy, pendingExtension.RequestedAt, pendingExtension.Reason, pendingExtension.WorkingDays, pendingExtension.DecisionDue);
        }
    }

    public static PendingDecision Decision(TableEntity row, OrganizationDirectory organization, DateTimeOffset now)
    {
        var departmentId = row.GetString("DepartmentId") ?? "";
        var requestedBy = row.GetString("RequestedBy");
        var due = row.GetDateTimeOffset("DecisionDueAt") ?? default;
        var confidential = row.GetBoolean("Confidential") == true;
        return new PendingDecision(
            Enum.Parse<PendingDecisionKind>(row.GetString("Kind") ?? nameof(PendingDecisionKind.Return)),
            row.GetString("TicketNumber") ?? "",
            row.GetString("Title") ?? "",
            Enum.Parse<TicketStatus>(row.GetString("Status") ?? nameof(TicketStatus.New)),
            row.GetBoolean("Urgent") == true,
            confidential,
            confidential ? null : row.GetString("EnterpriseName"),
            departmentId,
            organization.Departments.FirstOrDefault(d => d.Id == departmentId)?.Name,
            requestedBy,
            requestedBy is null ? null : organization.Staff.FirstOrDefault(u => u.Id == requestedBy)?.Name,
            row.GetDateTimeOffset("RequestedAt") ?? default,
            row.GetString("Reason") ?? "",
            row.GetInt32("WorkingDays"),
            due,
            row.GetBoolean("DecisionDueProvisional") == true,
            // Overdue grows with time, so it is decided when read, not when projected.
            now >= due,
            row.GetDateTimeOffset("DueAt"),
            row.GetInt32("Version") ?? 0);
    }

    private static TableEntity DecisionRow(TicketRecord record, PendingDecisionKind kind, string departmentId, string? requestedBy, DateTimeOffset requestedAt, string reason, int? workingDays, Deadline decisionDue)
    {
        var state = record.State;
        var submission = state.Submission;
        var row = new TableEntity(WorkflowKeys.PendingDecisions, WorkflowKeys.PendingDecision(requestedAt, kind, record.Number))
        {
            ["Version"] = state.Version,
            ["Kind"] = kind.ToString(),
            ["TicketNumber"] = record.Number,
            ["Title"] = submission?.Title ?? "",
            ["Status"] = state.Status.ToString(),
            ["Urgent"] = submission?.Urgent == true,
            ["Confidential"] = submission?.Confidential == true,
            ["DepartmentId"] = departmentId,
            ["RequestedAt"] = requestedAt,
            ["Reason"] = reason,
            ["DecisionDueAt"] = decisionDue.At,
            ["DecisionDueProvisional"] = decisionDue.Provisional,
        };

        // As in the other views: a confidential enterprise's name is not even stored where departments' lists are read.
        if (submission is { Confidential: false })
        {
            row["EnterpriseName"] = submission.Enterprise.Name;
        }

        if (requestedBy is not null)
        {
            row["RequestedBy"] = requestedBy;
        }

        if (workingDays is { } days)
        {
            row["WorkingDays"] = days;
        }

        if (state.Clock?.Due is { } due)
        {
            row["DueAt"] = due.At;
        }

        return row;
    }

    /// <summary>
    /// The row key of the ticket in a view partition: in the list's display order (<see cref="WorkflowKeys.OverdueRow"/>,
    /// <see cref="WorkflowKeys.DeadlineRow"/>), so every list pages by row key.
    /// </summary>
    public static string RowKey(string partition, TicketState state) =>
        partition == WorkflowKeys.Overdue
            ? WorkflowKeys.OverdueRow(Level(state), ClockRuns(state.Status), state.Clock?.Due.At, state.TicketNumber)
            : WorkflowKeys.DeadlineRow(Due(partition, state).Deadline?.At, state.TicketNumber);

    /// <summary>
    /// The deadline a list shows for the ticket: in the queue of a co-handling department (协办) that still owes its
    /// contribution, that contribution's own deadline (what the department must meet); everywhere else the resolution
    /// deadline.
    /// </summary>
    public static (Deadline? Deadline, bool Contribution) Due(string partition, TicketState state) =>
        state.Departments.FirstOrDefault(d => d.OwesContribution && partition == WorkflowKeys.DepartmentQueue(d.DepartmentId)) is { ContributionDue: { } own }
            ? (own, true)
            : (state.Clock?.Due, false);

    public static TableEntity Row(string partition, TicketRecord record)
    {
        var state = record.State;
        var submission = state.Submission;
        var row = new TableEntity(partition, RowKey(partition, state))
        {
            ["Version"] = state.Version,
            ["TicketNumber"] = state.TicketNumber,
            ["Title"] = submission?.Title ?? "",
            ["Status"] = state.Status.ToString(),
            ["Type"] = submission?.Type.ToString() ?? "",
            ["Topic"] = submission?.Topic ?? "",
            ["Urgent"] = submission?.Urgent == true,
            ["Confidential"] = submission?.Confidential == true,
            ["Level"] = Level(state).ToString(),
            ["UpdatedAt"] = record.UpdatedAt,
        };
        // A confidential enterprise's name and credit code are not even stored where departments' lists are read, so
        // no search by enterprise can find its ticket there.
        if (submission is { Confidential: false })
        {
            row["EnterpriseName"] = submission.Enterprise.Name;
            if (!string.IsNullOrEmpty(submission.Enterprise.CreditCode))
            {
                row["CreditCode"] = submission.Enterprise.CreditCode.ToUpperInvariant();
            }
        }

        if (state.LeadDepartmentId is { } lead)
        {
            row["LeadDepartmentId"] = lead;
        }

        if (state.OfficerId is { } officer)
        {
            row["OfficerId"] = officer;
        }

        var (shown, contribution) = Due(partition, state);
        if (contribution)
        {
            row["ContributionDue"] = true;
        }

        if (shown is { } due)
        {
            row["DueAt"] = due.At;
            row["DueDate"] = due.DueDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            row["DueKind"] = due.Kind.ToString();
            row["Provisional"] = due.Provisional;
        }

        return row;
    }

    /// <summary>The ticket a view row is about: its column, or for a row written before the column, its row key.</summary>
    public static string Number(TableEntity row) => row.GetString("TicketNumber") ?? row.RowKey;

    public static TicketSummary Summary(TableEntity row, WorkingCalendar calendar, DateTimeOffset now)
    {
        var status = Enum.Parse<TicketStatus>(row.GetString("Status") ?? nameof(TicketStatus.New));
        Deadline? due = row.GetDateTimeOffset("DueAt") is { } at
            ? new Deadline(
                at,
                DateOnly.ParseExact(row.GetString("DueDate") ?? "0001-01-01", "yyyy-MM-dd", CultureInfo.InvariantCulture),
                row.GetBoolean("Provisional") == true,
                Enum.Parse<DeadlineKind>(row.GetString("DueKind") ?? nameof(DeadlineKind.WorkingDays)))
            : null;
        // Days overdue grow with time, so they are computed when read, not when projected.
        // A co-handler's contribution clock runs until it contributes (its row then leaves this deadline), paused by nothing.
        var contribution = row.GetBoolean("ContributionDue") == true;
        var overdue = due is not null && (contribution ? status is not (TicketStatus.Replied or TicketStatus.Closed) : ClockRuns(status)) ? calendar.WorkingDaysOverdue(due, now) : 0;
        return new TicketSummary(
            Number(row),
            row.GetString("Title") ?? "",
            status,
            row.GetString("Type") ?? "",
            row.GetString("Topic") ?? "",
            row.GetBoolean("Urgent") == true,
            row.GetBoolean("Confidential") == true,
            row.GetBoolean("Confidential") == true ? null : row.GetString("EnterpriseName"),
            row.GetString("LeadDepartmentId"),
            row.GetString("OfficerId"),
            due?.At,
            due?.Provisional == true,
            Enum.Parse<AttentionLevel>(row.GetString("Level") ?? nameof(AttentionLevel.None)),
            overdue,
            row.GetDateTimeOffset("UpdatedAt") ?? default,
            row.GetInt32("Version") ?? 0,
            row.GetBoolean("ContributionDue") == true);
    }
}
