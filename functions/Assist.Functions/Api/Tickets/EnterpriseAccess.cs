using Assist.Functions.Security;
using Assist.Storage.Workflow;

namespace Assist.Functions.Api.Tickets;

/// <summary>
/// The enterprise's access to a ticket, by <c>X-Tracking-Code</c> (no account), for the API and the tracking page: a
/// missing code is 401; a wrong code answers exactly like an unknown ticket (404), so numbers cannot be probed.
/// </summary>
public static class EnterpriseAccess
{
    /// <summary>The ticket when the request carries its tracking code; otherwise the problem to answer.</summary>
    public static async Task<(TicketRecord? Ticket, IResult? Problem)> AuthorizeAsync(HttpRequest request, TicketService tickets, string number, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(tickets);
        var code = request.Headers[TrackingCode.Header].ToString();
        if (string.IsNullOrWhiteSpace(code))
        {
            return (null, ApiProblems.MissingTrackingCode(request));
        }

        var record = await FindTrackedAsync(tickets, number, code, cancellationToken);
        return record is null ? (null, NotFound(request)) : (record, null);
    }

    /// <summary>The ticket when <paramref name="code"/> is its tracking code; null for an unknown number and a wrong code alike.</summary>
    public static async Task<TicketRecord?> FindTrackedAsync(TicketService tickets, string? number, string? code, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tickets);
        if (string.IsNullOrWhiteSpace(code) || !TicketNumbers.IsPlausible(number))
        {
            return null;
        }

        var record = await tickets.GetAsync(number!, cancellationToken);
        return record is not null && TrackingCode.Matches(code, record.TrackingCodeHash) ? record : null;
    }

    public static IResult NotFound(HttpRequest request) =>
        ApiProblems.NotFound(request, "The ticket (or a ticket with this tracking code)", "该工单（或与查询码匹配的工单）");
}
