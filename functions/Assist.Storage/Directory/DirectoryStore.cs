using Assist.Domain.Organization;
using Assist.Domain.Policies;
using Assist.Domain.Routing;
using Assist.Storage.Workflow;

namespace Assist.Storage.Directory;

public sealed class DirectoryStore
{
    public DirectoryStore(WorkflowStorage storage)
    {
        _ = storage;
    }

    public static DirectorySeed ParseSeed(string json) => throw new NotSupportedException(json);

    public Task<bool> SeedAsync(DirectorySeed seed, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<DirectorySnapshot> GetAsync(CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<StaffUser?> FindUserAsync(string userId, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task UpsertDepartmentAsync(Department department, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task UpsertUserAsync(StaffUser user, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task UpsertTopicAsync(TopicDefinition topic, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task PutRoutingRulesAsync(IReadOnlyList<RoutingRule> rules, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task PutPoliciesAsync(TicketPolicies policies, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task PutCalendarYearAsync(int year, string json, CancellationToken cancellationToken = default) => throw new NotSupportedException();
}
