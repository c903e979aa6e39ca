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
    AdjustableTimeProvider? clock = null) : IHostedService, IDisposable
{
    public const string SeedFileKey = "Directory:SeedFile";

    private readonly CancellationTokenSource _stopping = new();
    private Task? _backfill;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!configuration.GetValue("Workflow:InitializeOnStart", true))
        {
            return;
        }

        await storage.EnsureCreatedAsync(cancellationToken);
        await audit.EnsureCreatedAsync(cancellationToken);
        // Tickets open before the Durable orchestrations existed get theirs through the repair sweep. In the background:
        // on a large table the one scan of ticket heads takes minutes (on Azurite, 100,000 tickets outlast a request's
        // timeout), and the app must start and serve meanwhile; a scan that fails is logged and runs again next start.
        _backfill = Task.Run(() => BackfillAsync(_stopping.Token), CancellationToken.None);
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

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        if (_backfill is not null)
        {
            await _backfill.WaitAsync(cancellationToken);
        }
    }

    public void Dispose() => _stopping.Dispose();

    private async Task BackfillAsync(CancellationToken cancellationToken)
    {
        try
        {
            await tickets.BackfillLifecyclesAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping: the next start scans again.
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            LogBackfillFailed(logger, exception);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The back-fill of open tickets' orchestrations failed; it runs again at the next start")]
    private static partial void LogBackfillFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "No directory seed at {SeedFile}: the directory keeps what storage holds")]
    private static partial void LogNoSeed(ILogger logger, string seedFile);

    [LoggerMessage(Level = LogLevel.Information, Message = "Directory seeded from {SeedFile} (changed: {Changed})")]
    private static partial void LogSeeded(ILogger logger, string seedFile, bool changed);
}
