using Assist.Domain.Organization;
using Assist.Functions.Api.Tickets;

namespace Assist.Functions.Web;

/// <summary>What the timeline partial needs: the entries, department names, and where a file downloads from.</summary>
public sealed record TimelineModel(IReadOnlyList<TimelineEntry> Entries, OrganizationDirectory Organization, Func<string, string> AttachmentUrl)
{
    public string DepartmentName(string? departmentId) =>
        departmentId is null ? "" : Organization.Departments.FirstOrDefault(d => d.Id == departmentId)?.Name ?? departmentId;

    public string TopicName(string? code) =>
        Organization.Topics.FirstOrDefault(t => t.Code == code) is { } topic ? Resources.UiText.Pick(topic.NameZh, topic.NameEn) : code ?? "";

    public string UserName(string? userId) =>
        userId is null ? "" : Organization.Staff.FirstOrDefault(u => u.Id == userId)?.Name ?? userId;
}
