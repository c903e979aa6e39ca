using System.Globalization;
using System.Security.Cryptography;
using Assist.Domain.Common;
using Assist.Domain.CommonIssues;
using Assist.Storage.Workflow;
using Azure;
using Azure.Data.Tables;

namespace Assist.Storage.CommonIssues;

/// <summary>
/// The common issues (共性问题), one row each in the read-model table's <see cref="Partition"/>: few (tens to hundreds a
/// year), read whole, changed by supervisors and lead departments with optimistic concurrency (the row's ETag). A
/// member ticket records its membership in its own ledger; this row is the issue's own record (title, lead, members,
/// the coordinated answer).
/// </summary>
internal sealed class CommonIssueStore(WorkflowStorage storage)
{
    public const string Partition = "common-issues";

    private const string Alphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";

    /// <summary>A fresh id, <c>GX-yyyyMMdd-XXXXXX</c> (共性 · China date · random), as ticket numbers are drawn.</summary>
    public static string NewId(DateTimeOffset now, TimeSpan chinaOffset)
    {
        var chars = new char[6];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
        }

        return string.Create(CultureInfo.InvariantCulture, $"GX-{now.ToOffset(chinaOffset):yyyyMMdd}-{new string(chars)}");
    }

    public static bool IsId(string? value) =>
        value is { Length: 18 } && value.StartsWith("GX-", StringComparison.Ordinal) && value[3..11].All(char.IsAsciiDigit) && value[11] == '-' && value[12..].All(c => Alphabet.Contains(c, StringComparison.Ordinal));

    public async Task<IReadOnlyList<(CommonIssue Issue, ETag ETag)>> ListAsync(CancellationToken cancellationToken)
    {
        var issues = new List<(CommonIssue, ETag)>();
        await foreach (var row in storage.ReadModels.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {Partition}"), cancellationToken: cancellationToken))
        {
            issues.Add((Read(row), row.ETag));
        }

        return issues;
    }

    public async Task<(CommonIssue Issue, ETag ETag)?> GetAsync(string id, CancellationToken cancellationToken)
    {
        if (!IsId(id))
        {
            return null;
        }

        var row = await storage.ReadModels.GetEntityIfExistsAsync<TableEntity>(Partition, id, cancellationToken: cancellationToken);
        return row.HasValue ? (Read(row.Value!), row.Value!.ETag) : null;
    }

    public Task AddAsync(CommonIssue issue, CancellationToken cancellationToken) =>
        storage.ReadModels.AddEntityAsync(Row(issue), cancellationToken);

    /// <summary>Replaces the row if nobody changed it since <paramref name="etag"/>; false when somebody did (read again and retry).</summary>
    public async Task<bool> ReplaceAsync(CommonIssue issue, ETag etag, CancellationToken cancellationToken)
    {
        try
        {
            await storage.ReadModels.UpdateEntityAsync(Row(issue), etag, TableUpdateMode.Replace, cancellationToken);
            return true;
        }
        catch (RequestFailedException exception) when (StorageConflicts.IsLostRace(exception))
        {
            return false;
        }
    }

    private static TableEntity Row(CommonIssue issue)
    {
        var row = new TableEntity(Partition, issue.Id)
        {
            ["Title"] = issue.Title,
            ["Topic"] = issue.Topic,
            ["LeadDepartmentId"] = issue.LeadDepartmentId,
            ["CreatedBy"] = issue.CreatedBy,
            ["CreatedAt"] = issue.CreatedAt,
            ["Members"] = string.Join('\n', issue.Members),
        };
        if (issue.District is { } district)
        {
            row["District"] = district;
        }

        if (issue.Answer is { } answer)
        {
            row["AnswerText"] = answer.Text;
            row["AnswerResolved"] = answer.Resolved;
            row["AnswerBy"] = answer.By;
            row["AnswerAt"] = answer.At;
        }

        return row;
    }

    private static CommonIssue Read(TableEntity row) => new(
        row.RowKey,
        row.GetString("Title") ?? "",
        row.GetString("Topic") ?? "",
        row.GetString("District"),
        row.GetString("LeadDepartmentId") ?? "",
        row.GetString("CreatedBy") ?? "",
        row.GetDateTimeOffset("CreatedAt") ?? default,
        (row.GetString("Members") ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries).ToValueList(),
        row.GetString("AnswerText") is { } text
            ? new CoordinatedAnswer(text, row.GetBoolean("AnswerResolved") == true, row.GetString("AnswerBy") ?? "", row.GetDateTimeOffset("AnswerAt") ?? default)
            : null);
}
