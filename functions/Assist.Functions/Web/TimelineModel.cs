using Assist.Domain.Organization;
using Assist.Domain.Tickets;
using Assist.Functions.Api.Tickets;
using UiText = Assist.Functions.Resources.UiText;

namespace Assist.Functions.Web;

/// <summary>What the timeline partial needs: the entries, department names, and where a file downloads from.</summary>
public sealed record TimelineModel(IReadOnlyList<TimelineEntry> Entries, OrganizationDirectory Organization, Func<string, string> AttachmentUrl)
{
    public string DepartmentName(string? departmentId) =>
        departmentId is null ? "" : Organization.Departments.FirstOrDefault(d => d.Id == departmentId)?.Name ?? departmentId;

    public string TopicName(string? code) =>
        Organization.Topics.FirstOrDefault(t => t.Code == code) is { } topic ? UiText.Pick(topic.NameZh, topic.NameEn) : code ?? "";

    /// <summary>
    /// What the step was beyond its kind, in the reader's words: the rung and how late, how the ticket closed, why it
    /// went to HQ, whether a department signed in on time. Empty when the kind says it all.
    /// </summary>
    public string Detail(TimelineEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return entry.Kind switch
        {
            nameof(EscalationRaised) when entry.Rung is { } rung =>
                UiText.Rung(rung) + (entry.WorkingDaysOverdue is > 0 and var days ? " · " + UiText.WorkingDaysOverdue(days) : ""),
            nameof(TicketEscalatedToHq) when entry.Trigger is { } trigger => UiText.Trigger(trigger),
            nameof(TicketClosed) when entry.Closure is { } closure => UiText.Closure(closure, entry.Rating),
            nameof(DepartmentSignedIn) => entry.Text == "on time" ? UiText.OnTime : UiText.Late,
            nameof(CoHandlerContributed) => entry.OnTime == false ? UiText.Late : UiText.OnTime,
            nameof(TicketReplied) => string.Join(
                " · ",
                new[]
                {
                    entry.Contributions is { Count: > 0 } included ? UiText.ReplyIncludes(Departments(included)) : "",
                    entry.MissingContributions is { Count: > 0 } missing ? UiText.ReplyLacks(Departments(missing)) : "",
                }.Where(part => part.Length > 0)),
            nameof(DeadlinesRecomputed) when entry.PreviousDue is { } from && entry.Due is { } to => UiText.DeadlineRecomputed(entry.CalendarYears ?? [], PageTime.Format(from), PageTime.Format(to)),
            nameof(DeadlinesRecomputed) => UiText.DeadlinesRecomputedUnmoved(entry.CalendarYears ?? []),
            _ => "",
        };
    }

    /// <summary>What a person wrote at this step (a question, an answer, a reason, a note), with officer ids as names.</summary>
    public string TextOf(TimelineEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var text = entry.Text ?? "";
        return entry.Kind switch
        {
            // The API's on-time marker, told by Detail.
            nameof(DepartmentSignedIn) => "",
            nameof(OfficerAssigned) => text.Split(": ", 2) is [var officer, var note] ? UserName(officer) + UiText.Colon + note : UserName(text),
            _ => text,
        };
    }

    private string Departments(IEnumerable<string> departmentIds) => string.Join(UiText.ListSeparator, departmentIds.Select(DepartmentName));

    public string UserName(string? userId) =>
        userId is null ? "" : Organization.Staff.FirstOrDefault(u => u.Id == userId)?.Name ?? userId;
}
