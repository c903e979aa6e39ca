using Assist.Storage;
using Assist.Storage.Attachments;
using Assist.Storage.Directory;
using Assist.Storage.Pipeline;
using Assist.Storage.Workflow;
using Assist.Tests;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Assist.Bench.Harness;

/// <summary>The engine in this process on a given storage account (what AddAssistWorkflow builds), with the clock given.</summary>
internal sealed class Engine : IDisposable
{
    public Engine(string connectionString, TimeProvider time)
    {
        Clients = StorageAccountClients.FromConnectionString(connectionString);
        Storage = new WorkflowStorage(Clients, time, NullLoggerFactory.Instance, Options.Create(new WorkflowOptions()));
        Directory = new DirectoryStore(Storage);
        ReadModels = new ReadModelStore(Storage, Directory);
        var attachments = new AttachmentStore(Storage, Options.Create(new AttachmentOptions()));
        // No webhook scheduler: the bench runs no Durable engine, so nothing is queued for receivers.
        var webhooks = new Assist.Storage.Webhooks.WebhookOutbox(Storage, new Assist.Storage.Webhooks.WebhookStore(Storage), scheduler: null);
        Service = new TicketService(Storage, Directory, new OutboxDispatcher(Storage, Directory, attachments, webhooks), attachments, webhooks);
    }

    public StorageAccountClients Clients { get; }

    public WorkflowStorage Storage { get; }

    public DirectoryStore Directory { get; }

    public ReadModelStore ReadModels { get; }

    public TicketService Service { get; }

    /// <summary>Creates the tables and seeds the directory from the app's seed file, as the app does at start.</summary>
    public async Task<DirectorySnapshot> InitializeAsync(CancellationToken cancellationToken)
    {
        await Storage.EnsureCreatedAsync(cancellationToken);
        var seed = await File.ReadAllTextAsync(RepositoryPaths.Combine("functions", "Assist.Functions", "Seed", "directory.json"), cancellationToken);
        await Directory.SeedAsync(DirectoryStore.ParseSeed(seed), cancellationToken);
        return await Directory.GetAsync(cancellationToken);
    }

    public void Dispose()
    {
    }
}
