using System.Globalization;
using Assist.Domain.Calendar;
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

        return views;
    }

    public static TableEntity Row(string partition, TicketRecord record)
    {
        var state = record.State;
        var submission = state.Submission;
        var row = new TableEntity(partition, state.TicketNumber)
        {
            ["Version"] = state.Version,
            ["Title"] = submission?.Title ?? "",
            ["Status"] = state.Status.ToString(),
            ["Type"] = submission?.Type.ToString() ?? "",
            ["Topic"] = submission?.Topic ?? "",
            ["Urgent"] = submission?.Urgent == true,
            ["Confidential"] = submission?.Confidential == true,
            ["Level"] = Level(state).ToString(),
            ["UpdatedAt"] = record.UpdatedAt,
        };
        if (submission is { Confidential: false })
        {
            row["EnterpriseName"] = submission.Enterprise.Name;
        }

        if (state.LeadDepartmentId is { } lead)
        {
            row["LeadDepartmentId"] = lead;
        }

        if (state.OfficerId is { } officer)
        {
            row["OfficerId"] = officer;
        }

        if (state.Clock?.Due is { } due)
        {
            row["DueAt"] = due.At;
            row["DueDate"] = due.DueDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            row["DueKind"] = due.Kind.ToString();
            row["Provisional"] = due.Provisional;
        }

        return row;
    }

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
        var overdue = due is not null && ClockRuns(status) ? calendar.WorkingDaysOverdue(due, now) : 0;
        return new TicketSummary(
            row.RowKey,
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
            row.GetInt32("Version") ?? 0);
    }
}
