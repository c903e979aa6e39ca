using Assist.Functions.Api.Staff;
using Assist.Storage.Directory;
using Assist.Storage.Workflow;

namespace Assist.Functions.Hosting;

/// <summary>
/// Before the app serves a request: creates the engine's tables, containers and queues and seeds the directory
/// from <c>Seed/directory.json</c> (both idempotent, so every instance may do it at every start).
/// <c>Workflow:InitializeOnStart=false</c> skips it (for tests of hosting concerns without storage).
/// </summary>
public sealed partial class WorkflowStartup(
    WorkflowStorage storage,
    DirectoryStore directory,
    MobileRevealAudit audit,
    IConfiguration configuration,
    ILogger<WorkflowStartup> logger,
    ClockOffsetStore clockOffsets,
    TicketService tickets,
    AdjustableTimeProvider? clock = null) : IHostedService
{
    public const string SeedFileKey = "Directory:SeedFile";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!configuration.GetValue("Workflow:InitializeOnStart", true))
        {
            return;
        }

        await storage.EnsureCreatedAsync(cancellationToken);
        await audit.EnsureCreatedAsync(cancellationToken);
        // Tickets open before the Durable orchestrations existed get theirs through the repair sweep.
        await tickets.BackfillLifecyclesAsync(cancellationToken);
        if (clock is not null && await clockOffsets.LoadAsync(cancellationToken) is { } offset)
        {
            // The development clock resumes where it was moved to: the tickets' deadlines were moved past with it.
            clock.Restore(offset);
        }

        var seedFile = configuration[SeedFileKey] ?? Path.Combine(AppContext.BaseDirectory, "Seed", "directory.json");
        if (!File.Exists(seedFile))
        {
            LogNoSeed(logger, seedFile);
            return;
        }

        var seed = DirectoryStore.ParseSeed(await File.ReadAllTextAsync(seedFile, cancellationToken));
        var changed = await directory.SeedAsync(seed, cancellationToken);
        LogSeeded(logger, seedFile, changed);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "No directory seed at {SeedFile}: the directory keeps what storage holds")]
    private static partial void LogNoSeed(ILogger logger, string seedFile);

    [LoggerMessage(Level = LogLevel.Information, Message = "Directory seeded from {SeedFile} (changed: {Changed})")]
    private static partial void LogSeeded(ILogger logger, string seedFile, bool changed);
}
