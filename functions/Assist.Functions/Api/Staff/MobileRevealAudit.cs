using System.Security.Claims;
using Assist.Functions.Api.Tickets;
using Assist.Functions.Security;
using Assist.Storage;
using Assist.Storage.Tables;
using Assist.Storage.Workflow;
using Microsoft.Extensions.Options;

namespace Assist.Functions.Api.Staff;

/// <summary>
/// Every reveal of an enterprise's mobile number leaves a structured log line and a stored row in the
/// <c>Audit</c> table (PK = ticket number, RK = newest first), kept apart from the ticket's ledger so the
/// engine's partitions stay the engine's.
/// </summary>
public sealed partial class MobileRevealAudit(StorageAccountClients clients, IOptions<WorkflowOptions> options, TimeProvider time, ILogger<MobileRevealAudit> logger)
{
    public const string Action = "RevealMobile";

    public TableClient Table { get; } = clients.Tables.GetTableClient((options.Value.StorageNamePrefix ?? "") + "Audit");

    public Task EnsureCreatedAsync(CancellationToken cancellationToken) => Table.CreateIfNotExistsAsync(cancellationToken);

    public async Task<DateTimeOffset> RecordAsync(string ticketNumber, string userId, string? departmentId, string clientAddress, CancellationToken cancellationToken)
    {
        var at = time.GetUtcNow();
        LogReveal(logger, ticketNumber, userId, departmentId, clientAddress, at);
        var rowKey = (DateTimeOffset.MaxValue.UtcTicks - at.UtcTicks).ToString("D19", System.Globalization.CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N");
        var entity = new TableEntity(ticketNumber, rowKey)
        {
            ["Action"] = Action,
            ["UserId"] = userId,
            ["DepartmentId"] = departmentId,
            ["ClientAddress"] = clientAddress,
            ["At"] = at,
        };
        await Table.AddEntityAsync(entity, cancellationToken);
        return at;
    }

    /// <summary>
    /// Reveals the enterprise's mobile number to the department holding the ticket, audited; null (nothing recorded)
    /// for anyone else. The contact's name stays hidden on a confidential ticket.
    /// </summary>
    public async Task<RevealedMobile?> RevealAsync(ClaimsPrincipal user, TicketRecord ticket, string clientAddress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(ticket);
        var state = ticket.State;
        if (!user.HoldsTicket(state) || state.Submission is null)
        {
            return null;
        }

        var at = await RecordAsync(ticket.Number, user.UserId()!, user.DepartmentId(), clientAddress, cancellationToken);
        var enterprise = state.Submission.Enterprise;
        return new RevealedMobile(ticket.Number, user.MaySeeEnterpriseOf(state) ? enterprise.ContactName : null, enterprise.Mobile, at);
    }

    /// <summary>The stored reveals of a ticket, newest first.</summary>
    public async Task<IReadOnlyList<TableEntity>> ListAsync(string ticketNumber, CancellationToken cancellationToken)
    {
        var rows = new List<TableEntity>();
        await foreach (var row in Table.QueryAsync(TableClient.CreateQueryFilter($"PartitionKey eq {ticketNumber}"), cancellationToken: cancellationToken))
        {
            rows.Add(row);
        }

        return rows;
    }

    [LoggerMessage(EventId = 4100, Level = LogLevel.Warning, Message = "AUDIT mobile revealed: ticket {TicketNumber} to {UserId} of {DepartmentId} from {ClientAddress} at {At}")]
    private static partial void LogReveal(ILogger logger, string ticketNumber, string userId, string? departmentId, string clientAddress, DateTimeOffset at);
}
