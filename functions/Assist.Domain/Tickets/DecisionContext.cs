using Assist.Domain.Calendar;
using Assist.Domain.Organization;
using Assist.Domain.Policies;
using Assist.Domain.Routing;

namespace Assist.Domain.Tickets;

/// <summary>
/// Everything a decision may consult besides the ticket and the time: policies, calendar, directory, routing
/// rules and officer workloads — all data the caller loads.
/// </summary>
public sealed record DecisionContext(
    TicketPolicies Policies,
    WorkingCalendar Calendar,
    OrganizationDirectory Directory,
    RoutingTable Routing,
    AssignmentSnapshot Workloads);
