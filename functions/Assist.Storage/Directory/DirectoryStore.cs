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
using Assist.Storage.Workflow;
using Azure;
using Azure.Data.Tables;

namespace Assist.Storage.Directory;

/// <summary>
/// Departments, staff, topics, districts, routing rules, policies, calendar years and score weights in the
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

    /// <summary>Stores a calendar year (validated by CalendarYearParser): deadlines decided from then on use it; those already set stay as they were, marked provisional.</summary>
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

        return new DirectorySnapshot(organization, new RoutingTable(routing.ToValueList()), policies, calendar, weights, VersionOf(rows));
    }

    private static string VersionOf(IEnumerable<TableEntity> rows)
    {
        var text = string.Join('\n', rows.Select(r => $"{r.PartitionKey}|{r.RowKey}|{r.ETag}").Order(StringComparer.Ordinal));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16];
    }
}
