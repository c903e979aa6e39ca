using System.Globalization;
using Assist.Domain.Ledger;
using Assist.Domain.Tickets;
using Assist.Storage.Directory;
using Assist.Storage.Reports;
using Assist.Storage.Workflow;
using Assist.Storage.Tests.Workflow;
using Assist.Tests;

namespace Assist.Storage.Tests.Reports;

/// <summary>
/// A quarter of generated tickets (Q1 2026, received on working days in office hours) projected through the
/// dispatcher's own projector on the run's Azurite, once per test run: the report tests read it, none writes to it.
/// </summary>
internal sealed class ReportDataset
{
    public const int TicketCount = 240;

    /// <summary>Wednesday 2026-04-15 10:00 China time: the quarter is over and its stragglers have run on.</summary>
    public static readonly DateTimeOffset Horizon = new(2026, 4, 15, 10, 0, 0, TimeSpan.FromHours(8));

    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static ReportDataset? _shared;

    private ReportDataset(WorkflowHarness harness, DirectorySnapshot directory, IReadOnlyList<GeneratedTicket> tickets)
    {
        Harness = harness;
        Directory = directory;
        Tickets = tickets;
        Reports = new ReportService(harness.Storage, harness.Directory);
    }

    public WorkflowHarness Harness { get; }

    public DirectorySnapshot Directory { get; }

    public IReadOnlyList<GeneratedTicket> Tickets { get; }

    public ReportService Reports { get; }

    public static async Task<ReportDataset> GetAsync(AzuriteFixture fixture)
    {
        await Gate.WaitAsync();
        try
        {
            // The harness lives as long as the test run's Azurite; its HttpClient is never used here.
            return _shared ??= await CreateAsync(fixture);
        }
        finally
        {
            Gate.Release();
        }
    }

    public static IReadOnlyList<GeneratedTicket> Generate(DirectorySnapshot directory, int count, int seed)
    {
        var context = new DecisionContext(directory.Policies, directory.Calendar, directory.Organization, directory.Routing, Domain.Routing.AssignmentSnapshot.Empty);
        var generator = new TicketHistoryGenerator(context, seed);
        var random = new Random(seed);
        var first = new DateTimeOffset(2026, 1, 5, 8, 30, 0, TimeSpan.FromHours(8));
        var span = directory.Calendar.WorkingTimeBetween(first, new DateTimeOffset(2026, 3, 31, 17, 30, 0, TimeSpan.FromHours(8)));
        var tickets = new List<GeneratedTicket>(count);
        for (var i = 0; i < count; i++)
        {
            var offset = TimeSpan.FromMinutes(random.NextDouble() * span.TotalMinutes);
            var received = directory.Calendar.AddWorkingTime(first, offset).At;
            tickets.Add(generator.Generate(i + 1, received, Horizon));
        }

        return tickets;
    }

    public static TicketRecord Record(GeneratedTicket ticket) => new(ticket.State, "hash", ticket.State.SubmittedAt ?? default, ticket.UpdatedAt, LedgerHash.Genesis);

    private static async Task<ReportDataset> CreateAsync(AzuriteFixture fixture)
    {
        var harness = await WorkflowHarness.StartAsync(fixture, Horizon);
        var directory = await harness.Directory.GetAsync();
        var tickets = Generate(directory, TicketCount, 20260105);
        var projector = new TicketProjector(harness.Storage, new CounterLedger(harness.Storage), null, null);
        await Parallel.ForEachAsync(tickets, new ParallelOptions { MaxDegreeOfParallelism = 6 }, async (ticket, cancellationToken) =>
        {
            var history = ticket.Events.Select((e, i) => (new LedgerEntry(i + 1, LedgerHash.CurrentScheme, "", "", ""), e)).ToList();
            await projector.ApplyAsync(Record(ticket), history, 1, ticket.State.Version, directory, cancellationToken);
        });
        return new ReportDataset(harness, directory, tickets);
    }

    public static string Month(DateTimeOffset at) => at.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM", CultureInfo.InvariantCulture);
}
