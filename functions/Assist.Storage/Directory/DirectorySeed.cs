using System.Text.Json;
using Assist.Domain.Organization;
using Assist.Domain.Policies;
using Assist.Domain.Routing;
using Assist.Domain.Scoring;

namespace Assist.Storage.Directory;

/// <summary>
/// The directory's seed file (camelCase JSON, enums by name). <see cref="Policies"/>, <see cref="CalendarYears"/>
/// (holiday-cn format) and <see cref="Weights"/> are optional: the product's defaults and the embedded calendar apply.
/// </summary>
public sealed record DirectorySeed(
    IReadOnlyList<Department> Departments,
    IReadOnlyList<DirectorySeedUser> Staff,
    IReadOnlyList<TopicDefinition> Topics,
    IReadOnlyList<string> Districts,
    IReadOnlyList<RoutingRule> RoutingRules,
    TicketPolicies? Policies = null,
    IReadOnlyList<JsonElement>? CalendarYears = null,
    ScoreWeights? Weights = null);

/// <summary>A staff user of the seed; <see cref="Mobile"/> is kept for notifications, never shown to enterprises.</summary>
public sealed record DirectorySeedUser(string Id, string Name, string? DepartmentId, IReadOnlyList<StaffRole> Roles, string? Mobile = null);
