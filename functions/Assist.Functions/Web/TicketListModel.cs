using Assist.Domain.Organization;
using Assist.Storage.Workflow;

namespace Assist.Functions.Web;

/// <summary>
/// A staff list of tickets (desk, queue, overdue board) with the names it shows; <see cref="EmptyText"/> is what an empty
/// list says (a search that found nothing says so, rather than that there are no tickets).
/// </summary>
public sealed record TicketListModel(IReadOnlyList<TicketSummary> Tickets, OrganizationDirectory Organization, bool ShowOfficer = true, string TestId = "tickets", string? EmptyText = null)
{
    public string DepartmentName(string? id) => id is null ? "—" : Organization.Departments.FirstOrDefault(d => d.Id == id)?.Name ?? id;

    public string UserName(string? id) => id is null ? "—" : Organization.Staff.FirstOrDefault(u => u.Id == id)?.Name ?? id;

    public string TopicName(string code) =>
        Organization.Topics.FirstOrDefault(t => t.Code == code) is { } topic ? Resources.UiText.Pick(topic.NameZh, topic.NameEn) : code;

    /// <summary>Most urgent first: the highest escalation, then urgent tickets, then the soonest deadline.</summary>
    public static IReadOnlyList<TicketSummary> ByUrgency(IEnumerable<TicketSummary> tickets) =>
        [.. tickets.OrderByDescending(t => t.Level)
            .ThenByDescending(t => t.Urgent)
            .ThenBy(t => t.DueAt ?? DateTimeOffset.MaxValue)
            .ThenBy(t => t.Number, StringComparer.Ordinal)];
}
