using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Assist.Domain.Calendar;
using Assist.Domain.Common;
using Assist.Domain.Organization;
using Assist.Domain.Policies;
using Assist.Domain.Routing;
using Assist.Domain.Scoring;
using Assist.Domain.Validation;
using Assist.Storage.Workflow;
using Azure;
using Azure.Data.Tables;

namespace Assist.Storage.Directory;

/// <summary>
/// Departments, staff, topics, districts, routing rules, policies, calendar years, score weights and designated
/// officers (驻企特派员, RK = the enterprise's credit code) in the
/// <c>Directory</c> table: one row per item (PK = kind, RK = id, the item as JSON). The whole table is small, so a
/// snapshot is one query, cached briefly per instance; edits on another instance show up within <see cref="CacheLifetime"/>.
/// </summary>
public sealed class DirectoryStore
{
    public static readonly TimeSpan CacheLifetime = TimeSpan.FromSeconds(30);

    private const string Json = "Json";
    private const string DepartmentKind = "department";
    private const string UserKind = "user";
    private const string TopicKind = "topic";
    private const string DistrictKind = "district";
    private const string RoutingKind = "routing";
    private const string PoliciesKind = "policies";
    private const string CalendarKind = "calendar";
    private const string WeightsKind = "weights";
    private const string DesignatedKind = "designated";

    /// <summary>A table transaction holds at most 100 entities of one partition; designations share one.</summary>
    private const int BatchSize = 100;
    private const string SingleKey = "current";

    private readonly WorkflowStorage _storage;
    private (DirectorySnapshot Snapshot, DateTimeOffset LoadedAt)? _cached;

    public DirectoryStore(WorkflowStorage storage)
    {
        ArgumentNullException.ThrowIfNull(storage);
        _storage = storage;
    }

    public static DirectorySeed ParseSeed(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        var seed = JsonSerializer.Deserialize<DirectorySeed>(json, StorageJson.Options) ?? throw new JsonException("The directory seed is empty.");
        if (seed.Departments is null || seed.Staff is null || seed.Topics is null || seed.Districts is null || seed.RoutingRules is null)
        {
            throw new JsonException("A directory seed needs departments, staff, topics, districts and routingRules.");
        }

        foreach (var calendar in seed.CalendarYears ?? [])
        {
            CalendarYearParser.Parse(calendar.GetRawText());
        }

        return seed;
    }

    /// <summary>Idempotent: adds only the rows that are missing, so a second run (or an admin's later edit) is left alone. True if anything was written.</summary>
    public async Task<bool> SeedAsync(DirectorySeed seed, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(seed);
        var existing = new HashSet<(string, string)>();
        await foreach (var row in _storage.Directory.QueryAsync<TableEntity>(select: [nameof(TableEntity.PartitionKey), nameof(TableEntity.RowKey)], cancellationToken: cancellationToken))
        {
            existing.Add((row.PartitionKey, row.RowKey));
        }

        var rows = new List<TableEntity>();
        rows.AddRange(seed.Departments.Select(d => Row(DepartmentKind, d.Id, d)));
        rows.AddRange(seed.Staff.Select(u =>
        {
            var row = Row(UserKind, u.Id, new StaffUser(u.Id, u.Name, u.DepartmentId, u.Roles.ToValueList()));
            row["Mobile"] = u.Mobile;
            return row;
        }));
        rows.AddRange(seed.Topics.Select(t => Row(TopicKind, t.Code, t)));
        rows.AddRange(seed.Districts.Select(d => Row(DistrictKind, d, d)));
        rows.Add(Row(RoutingKind, SingleKey, seed.RoutingRules));
        rows.Add(Row(PoliciesKind, SingleKey, seed.Policies ?? DefaultPolicies.Create()));
        rows.Add(Row(WeightsKind, SingleKey, seed.Weights ?? ScoreWeights.Default));
        foreach (var calendar in seed.CalendarYears ?? [])
        {
            var text = calendar.GetRawText();
            rows.Add(CalendarRow(CalendarYearParser.Parse(text).Year, text));
        }

        var written = false;
        foreach (var row in rows.Where(r => !existing.Contains((r.PartitionKey, r.RowKey))))
        {
            try
            {
                await _storage.Directory.AddEntityAsync(row, cancellationToken);
                written = true;
            }
            catch (RequestFailedException exception) when (StorageConflicts.IsAlreadyExists(exception))
            {
                // Another instance seeded the same row at the same time: the row is there, which is the goal.
            }
        }

        if (written)
        {
            Invalidate();
        }

        return written;
    }

    /// <summary>The directory as the decider needs it; cached for <see cref="CacheLifetime"/>.</summary>
    public async Task<DirectorySnapshot> GetAsync(CancellationToken cancellationToken = default)
    {
        var now = _storage.Time.GetUtcNow();
        if (_cached is { } cached && now - cached.LoadedAt < CacheLifetime && now >= cached.LoadedAt)
        {
            return cached.Snapshot;
        }

        // Two callers loading at once both read the same small table; cheaper than a lock on every read.
        var snapshot = await LoadAsync(cancellationToken);
        _cached = (snapshot, now);
        return snapshot;
    }

    public async Task<StaffUser?> FindUserAsync(string userId, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(userId) || !IsValidKey(userId))
        {
            return null;
        }

        var snapshot = await GetAsync(cancellationToken);
        return snapshot.Organization.FindUser(userId);
    }

    public Task UpsertDepartmentAsync(Department department, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(department);
        return PutAsync(Row(DepartmentKind, department.Id, department), cancellationToken);
    }

    public Task UpsertUserAsync(StaffUser user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        return PutAsync(Row(UserKind, user.Id, user), cancellationToken, TableUpdateMode.Merge);
    }

    public Task UpsertTopicAsync(TopicDefinition topic, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(topic);
        return PutAsync(Row(TopicKind, topic.Code, topic), cancellationToken);
    }

    public Task PutRoutingRulesAsync(IReadOnlyList<RoutingRule> rules, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rules);
        return PutAsync(Row(RoutingKind, SingleKey, rules), cancellationToken);
    }

    public Task PutPoliciesAsync(TicketPolicies policies, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(policies);
        return PutAsync(Row(PoliciesKind, SingleKey, policies), cancellationToken);
    }

    /// <summary>
    /// Designates <see cref="DesignatedOfficer.OfficerId"/> for the enterprise, replacing any earlier designation.
    /// Refused (<see cref="DesignationException"/>) unless the credit code passes GB 32100 and the officer is an active
    /// liaison officer, so a typo cannot silently route an enterprise's tickets nowhere.
    /// </summary>
    public Task PutDesignatedOfficerAsync(DesignatedOfficer designation, CancellationToken cancellationToken = default) =>
        PutDesignatedOfficersAsync([designation], cancellationToken);

    /// <summary>
    /// Stores several designations, checked all first: one bad (or a credit code given twice) refuses them all and
    /// nothing is written. Written in transactions of 100, so a storage failure between two of them leaves the
    /// earlier ones stored; sending the same list again completes it.
    /// </summary>
    public async Task PutDesignatedOfficersAsync(IReadOnlyList<DesignatedOfficer> designations, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(designations);
        var organization = (await GetAsync(cancellationToken)).Organization;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < designations.Count; i++)
        {
            var designation = designations[i];
            var errors = DesignatedOfficer.Check(designation?.CreditCode, designation?.OfficerId, organization);
            if (errors.Count > 0)
            {
                throw new DesignationException(errors, designations.Count == 1 ? null : i);
            }

            if (!seen.Add(designation!.CreditCode))
            {
                throw new DesignationException(
                    [new FieldError(DesignatedOfficer.Fields.CreditCode, "credit-code.duplicate", $"'{designation.CreditCode}' is given more than once.", $"“{designation.CreditCode}”重复出现。")],
                    i);
            }
        }

        foreach (var chunk in designations.Chunk(BatchSize))
        {
            await _storage.Directory.SubmitTransactionAsync(
                chunk.Select(d => new TableTransactionAction(TableTransactionActionType.UpsertReplace, Row(DesignatedKind, d.CreditCode, d))),
                cancellationToken);
        }

        Invalidate();
    }

    /// <summary>Removes the enterprise's designated officer; false when it had none.</summary>
    public async Task<bool> RemoveDesignatedOfficerAsync(string creditCode, CancellationToken cancellationToken = default)
    {
        if (!IsValidKey(creditCode))
        {
            return false;
        }

        // The table client answers a missing entity's delete with 404 rather than throwing.
        var response = await _storage.Directory.DeleteEntityAsync(DesignatedKind, creditCode, ETag.All, cancellationToken);
        if (response.Status == 404)
        {
            return false;
        }

        Invalidate();
        return true;
    }

    /// <summary>Every designation, by credit code; from the cached snapshot.</summary>
    public async Task<IReadOnlyList<DesignatedOfficer>> ListDesignatedOfficersAsync(CancellationToken cancellationToken = default)
    {
        var snapshot = await GetAsync(cancellationToken);
        return [.. snapshot.DesignatedOfficers.Select(p => new DesignatedOfficer(p.Key, p.Value)).OrderBy(d => d.CreditCode, StringComparer.Ordinal)];
    }

    /// <summary>
    /// Stores a calendar year (validated by CalendarYearParser): deadlines decided from then on use it. The provisional
    /// deadlines open tickets already hold are recomputed by <see cref="Workflow.TicketService.RecomputeProvisionalDeadlinesAsync"/>,
    /// which the callers (admin API, manage page) run next.
    /// </summary>
    public Task PutCalendarYearAsync(int year, string json, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(json);
        var parsed = CalendarYearParser.Parse(json);
        if (parsed.Year != year)
        {
            throw new CalendarDataException($"The calendar data is for {parsed.Year}, not {year}.", $"该日历数据属于{parsed.Year}年，而不是{year}年。");
        }

        return PutAsync(CalendarRow(year, json), cancellationToken);
    }

    /// <summary>The calendar years as administrators see them (<see cref="CalendarYearStatus.Of"/>), this year by Beijing time.</summary>
    public async Task<IReadOnlyList<CalendarYearStatus>> ListCalendarYearsAsync(CancellationToken cancellationToken = default)
    {
        var snapshot = await GetAsync(cancellationToken);
        var loaded = new Dictionary<int, DateTimeOffset?>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {CalendarKind}");
        await foreach (var row in _storage.Directory.QueryAsync<TableEntity>(filter, select: ["RowKey", "Timestamp"], cancellationToken: cancellationToken))
        {
            if (int.TryParse(row.RowKey, NumberStyles.None, CultureInfo.InvariantCulture, out var year))
            {
                loaded[year] = row.Timestamp;
            }
        }

        var thisYear = snapshot.Calendar.LocalDate(_storage.Time.GetUtcNow()).Year;
        return CalendarYearStatus.Of(snapshot.Calendar, loaded, thisYear);
    }

    private static TableEntity CalendarRow(int year, string json)
    {
        var row = new TableEntity(CalendarKind, year.ToString(CultureInfo.InvariantCulture));
        LargeText.Write(row, Json, json);
        return row;
    }

    private static TableEntity Row<T>(string kind, string id, T value)
    {
        if (!IsValidKey(id))
        {
            throw new ArgumentException($"'{id}' cannot be a directory id: use letters, digits, '.', '-' or '_'.", nameof(id));
        }

        var row = new TableEntity(kind, id);
        LargeText.Write(row, Json, StorageJson.Serialize(value));
        return row;
    }

    private static bool IsValidKey(string id) =>
        !string.IsNullOrWhiteSpace(id) && id.Length <= 200 && id.All(c => !char.IsControl(c) && c is not ('/' or '\\' or '#' or '?'));

    private async Task PutAsync(TableEntity row, CancellationToken cancellationToken, TableUpdateMode mode = TableUpdateMode.Replace)
    {
        await _storage.Directory.UpsertEntityAsync(row, mode, cancellationToken);
        Invalidate();
    }

    private void Invalidate() => _cached = null;

    private async Task<DirectorySnapshot> LoadAsync(CancellationToken cancellationToken)
    {
        var rows = new List<TableEntity>();
        await foreach (var row in _storage.Directory.QueryAsync<TableEntity>(cancellationToken: cancellationToken))
        {
            rows.Add(row);
        }

        T Read<T>(TableEntity row) => StorageJson.Deserialize<T>(LargeText.Read(row, Json) ?? "null");
        IEnumerable<TableEntity> Of(string kind) => rows.Where(r => r.PartitionKey == kind);

        var topics = Of(TopicKind).Select(Read<TopicDefinition>).ToValueList();
        var organization = new OrganizationDirectory(
            Of(DepartmentKind).Select(Read<Department>).ToValueList(),
            Of(UserKind).Select(Read<StaffUser>).ToValueList(),
            topics.Count > 0 ? topics : DefaultPolicies.Topics,
            Of(DistrictKind).Select(Read<string>).ToValueList());
        var routing = Of(RoutingKind).FirstOrDefault() is { } routingRow ? Read<List<RoutingRule>>(routingRow) : [];
        var policies = Of(PoliciesKind).FirstOrDefault() is { } policiesRow ? Read<TicketPolicies>(policiesRow) : DefaultPolicies.Create();
        var weights = Of(WeightsKind).FirstOrDefault() is { } weightsRow ? Read<ScoreWeights>(weightsRow) : ScoreWeights.Default;
        var calendar = WorkingCalendar.Default;
        foreach (var year in Of(CalendarKind))
        {
            calendar = calendar.WithYear(CalendarYearParser.Parse(LargeText.Read(year, Json) ?? "{}"));
        }

        var designated = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var designation in Of(DesignatedKind).Select(Read<DesignatedOfficer>))
        {
            designated[designation.CreditCode] = designation.OfficerId;
        }

        return new DirectorySnapshot(organization, new RoutingTable(routing.ToValueList()), policies, calendar, weights, VersionOf(rows))
        {
            DesignatedOfficers = designated,
        };
    }

    private static string VersionOf(IEnumerable<TableEntity> rows)
    {
        var text = string.Join('\n', rows.Select(r => $"{r.PartitionKey}|{r.RowKey}|{r.ETag}").Order(StringComparer.Ordinal));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16];
    }
}
