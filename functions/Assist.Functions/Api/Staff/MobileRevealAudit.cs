using System.Globalization;
using System.Security.Claims;
using Assist.Functions.Api.Tickets;
using Assist.Functions.Security;
using Assist.Storage;
using Assist.Storage.Directory;
using Assist.Storage.Workflow;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;

namespace Assist.Functions.Api.Staff;

/// <summary>
/// Every reveal of an enterprise's mobile number leaves a structured log line and stored rows in the <c>Audit</c>
/// table, kept apart from the ticket's ledger so the engine's partitions stay the engine's. Rows (RK = newest first:
/// inverted ticks, then a random suffix):
/// <list type="bullet">
/// <item>PK = the ticket number: the reveals of one ticket, one partition query.</item>
/// <item>PK = <c>reveals~yyyy-MM</c> (UTC month of the reveal), the same row again: listing across tickets reads the
/// newest month's partition, then the one before. Azure Tables has no cross-partition order, so without this index
/// a list of all reveals would scan every ticket's partition (the whole table); a month partition keeps each page
/// one range read and keeps one partition from growing forever.</item>
/// <item>PK = <c>reveals~months</c>, RK = <c>yyyy-MM</c>: which months have reveals (one tiny row per month), so the
/// listing knows where to stop without probing empty months.</item>
/// </list>
/// The rows sit in different partitions, so they cannot share one entity-group transaction: the month marker is
/// written first (idempotent), then both reveal rows; the mobile is only answered once all are stored. A failure in
/// between can leave an audit row for a reveal that was never shown, never a shown reveal without its row.
/// The keys use <c>~</c>, which no ticket number contains, so a ticket filter never reaches an index partition.
/// </summary>
public sealed partial class MobileRevealAudit(StorageAccountClients clients, IOptions<WorkflowOptions> options, DirectoryStore directory, TimeProvider time, ILogger<MobileRevealAudit> logger)
{
    public const string Action = "RevealMobile";
    public const int MaxPageSize = 200;
    private const string MonthPrefix = "reveals~";
    private const string MonthsPartition = "reveals~months";
    private static readonly System.Buffers.SearchValues<char> LowerHex = System.Buffers.SearchValues.Create("0123456789abcdef");

    public TableClient Table { get; } = clients.Tables.GetTableClient((options.Value.StorageNamePrefix ?? "") + "Audit");

    public Task EnsureCreatedAsync(CancellationToken cancellationToken) => Table.CreateIfNotExistsAsync(cancellationToken);

    public async Task<DateTimeOffset> RecordAsync(string ticketNumber, string userId, string? departmentId, string? role, string clientAddress, CancellationToken cancellationToken)
    {
        var at = time.GetUtcNow();
        LogReveal(logger, ticketNumber, userId, departmentId, role, clientAddress, at);
        var rowKey = (DateTimeOffset.MaxValue.UtcTicks - at.UtcTicks).ToString("D19", CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N");
        TableEntity Row(string partition) => new(partition, rowKey)
        {
            ["Action"] = Action,
            ["Ticket"] = ticketNumber,
            ["UserId"] = userId,
            ["DepartmentId"] = departmentId,
            ["Role"] = role,
            ["ClientAddress"] = clientAddress,
            ["At"] = at,
        };
        var month = Month(at);
        await Table.UpsertEntityAsync(new TableEntity(MonthsPartition, month), TableUpdateMode.Merge, cancellationToken);
        await Task.WhenAll(
            Table.AddEntityAsync(Row(MonthPrefix + month), cancellationToken),
            Table.AddEntityAsync(Row(ticketNumber), cancellationToken));
        return at;
    }

    /// <summary>
    /// Reveals the enterprise's mobile number, audited, to a caller who may (<see cref="StaffCaller.MayRevealMobileOf"/>):
    /// overseers on any ticket, the department holding a ticket that is not confidential. Null (nothing recorded) for
    /// anyone else.
    /// </summary>
    public async Task<RevealedMobile?> RevealAsync(ClaimsPrincipal user, TicketRecord ticket, string clientAddress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(ticket);
        var state = ticket.State;
        if (state.Submission is null || !user.MayRevealMobileOf(state))
        {
            return null;
        }

        var at = await RecordAsync(ticket.Number, user.UserId()!, user.DepartmentId(), user.RevealRole()?.ToString(), clientAddress, cancellationToken);
        var enterprise = state.Submission.Enterprise;
        return new RevealedMobile(ticket.Number, enterprise.ContactName, enterprise.Mobile, at);
    }

    /// <summary>
    /// One page of reveals, newest first: of one ticket when <paramref name="ticketNumber"/> is given, else of all
    /// tickets. <paramref name="continuationToken"/> is the previous page's (the row key it ended at).
    /// </summary>
    /// <exception cref="ArgumentException">The continuation token is not one this audit issued.</exception>
    public async Task<MobileRevealPage> ListAsync(string? ticketNumber, int pageSize, string? continuationToken, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(pageSize, MaxPageSize);
        (string RowKey, string Month)? after = continuationToken is null ? null : ParseToken(continuationToken);
        var rows = new List<TableEntity>(pageSize + 1);
        if (ticketNumber is not null)
        {
            await ReadAsync(ticketNumber, after?.RowKey, rows, pageSize + 1, cancellationToken);
        }
        else
        {
            var months = new List<string>();
            await foreach (var row in Table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {MonthsPartition}"), cancellationToken: cancellationToken))
            {
                months.Add(row.RowKey);
            }

            foreach (var month in months.Where(m => after is null || string.CompareOrdinal(m, after.Value.Month) <= 0).OrderDescending(StringComparer.Ordinal))
            {
                var from = after is { } a && a.Month == month ? a.RowKey : null;
                await ReadAsync(MonthPrefix + month, from, rows, pageSize + 1, cancellationToken);
                if (rows.Count > pageSize)
                {
                    break;
                }
            }
        }

        var names = (await directory.GetAsync(cancellationToken)).Organization;
        var items = rows.Take(pageSize).Select(row =>
        {
            var userId = row.GetString("UserId") ?? "";
            var departmentId = row.GetString("DepartmentId");
            return new MobileReveal(
                row.GetString("Ticket") ?? row.PartitionKey,
                row.GetDateTimeOffset("At") ?? default,
                userId,
                names.FindUser(userId)?.Name,
                row.GetString("Role"),
                departmentId,
                names.Departments.FirstOrDefault(d => d.Id == departmentId)?.Name,
                row.GetString("ClientAddress"));
        }).ToList();
        return new MobileRevealPage(items, rows.Count > pageSize ? rows[pageSize - 1].RowKey : null);
    }

    private async Task ReadAsync(string partition, string? afterRowKey, List<TableEntity> rows, int wanted, CancellationToken cancellationToken)
    {
        var filter = afterRowKey is null
            ? TableClient.CreateQueryFilter($"PartitionKey eq {partition}")
            : TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey gt {afterRowKey}");
        await foreach (var row in Table.QueryAsync<TableEntity>(filter, maxPerPage: Math.Min(wanted - rows.Count, 1000), cancellationToken: cancellationToken))
        {
            rows.Add(row);
            if (rows.Count >= wanted)
            {
                return;
            }
        }
    }

    private static string Month(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    /// <summary>A token is the row key a page ended at: 19 digits of inverted ticks, a hyphen, 32 hex digits.</summary>
    private static (string RowKey, string Month) ParseToken(string token)
    {
        if (token.Length == 52 && token[19] == '-'
            && !token.AsSpan(0, 19).ContainsAnyExceptInRange('0', '9')
            && !token.AsSpan(20).ContainsAnyExcept(LowerHex)
            && long.TryParse(token.AsSpan(0, 19), NumberStyles.None, CultureInfo.InvariantCulture, out var inverted)
            && inverted is >= 0 && inverted <= DateTimeOffset.MaxValue.UtcTicks)
        {
            return (token, Month(new DateTimeOffset(DateTimeOffset.MaxValue.UtcTicks - inverted, TimeSpan.Zero)));
        }

        throw new ArgumentException("The continuation token is not one this audit issued.", nameof(token));
    }

    [LoggerMessage(EventId = 4100, Level = LogLevel.Warning, Message = "AUDIT mobile revealed: ticket {TicketNumber} to {UserId} of {DepartmentId} as {Role} from {ClientAddress} at {At}")]
    private static partial void LogReveal(ILogger logger, string ticketNumber, string userId, string? departmentId, string? role, string clientAddress, DateTimeOffset at);
}
