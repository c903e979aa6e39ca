using System.Diagnostics;

namespace Assist.Tests;

/// <summary>How <see cref="AzuriteInstance"/> runs Azurite; the defaults suit the tests (on disk, default heap, SIGKILL).</summary>
public sealed record AzuriteOptions
{
    public static AzuriteOptions Default { get; } = new();

    /// <summary>
    /// Keeps the data in memory only (<c>--inMemoryPersistence</c>): a big seed is not slowed by Azurite re-saving its
    /// whole database file, and serialising ~750,000 rows to disk crashed node here. Nothing survives a restart.
    /// </summary>
    public bool InMemory { get; init; }

    /// <summary>The node heap limit (<c>--max-old-space-size</c>) in MiB, for seeds beyond node's default heap; null keeps the default.</summary>
    public int? NodeHeapMegabytes { get; init; }

    /// <summary>
    /// Stop with SIGTERM, so Azurite closes its servers and saves, and SIGKILL only if it has not exited within this time;
    /// null stops with SIGKILL at once (what a crash looks like; unsaved tables may be lost).
    /// </summary>
    public TimeSpan? GracefulStop { get; init; }

    /// <summary>Called with each node process started (the bench registers its children so none outlives it).</summary>
    public Action<Process>? Started { get; init; }

    /// <summary>Azurite's standard error lines (normally discarded; <c>--silent</c> leaves only errors there).</summary>
    public Action<string>? Errors { get; init; }
}
