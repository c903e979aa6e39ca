using System.Security.Claims;
using Assist.Domain.Tickets;
using Assist.Functions.Api.Tickets;

namespace Assist.Functions.Api.Staff;

/// <summary>
/// One staff action: its operation id and API path, the role policy that may ask for it, the checks on its body,
/// and the command it becomes on the ticket's current state. <see cref="WhenEmpty"/> is the body of a request without one.
/// </summary>
public sealed record StaffAction<TBody>(
    string OperationId,
    string Path,
    string Policy,
    string Summary,
    Func<TBody, RequestChecks, RequestChecks> Check,
    Func<TBody, TicketState, ClaimsPrincipal, TicketCommand> Command,
    TBody? WhenEmpty = null)
    where TBody : class;
