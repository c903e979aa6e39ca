namespace Assist.Storage.Pipeline;

/// <summary>
/// Thread-safe counters of storage transactions per operation kind, filled by <see cref="StorageMeteringPolicy"/> in each client's pipeline.
/// One instance is shared by the clients of an account so the app can report transactions per ticket.
/// </summary>
public sealed class StorageMetering
{
    private static readonly StorageOperationKind[] Kinds = Enum.GetValues<StorageOperationKind>();
    private readonly long[] _counts = new long[Kinds.Length];

    public void Record(StorageOperationKind kind) => Interlocked.Increment(ref _counts[(int)kind]);

    public long Count(StorageOperationKind kind) => Interlocked.Read(ref _counts[(int)kind]);

    /// <summary>A consistent-enough copy of every counter; subtract two snapshots to meter a piece of work.</summary>
    public StorageTransactionSnapshot Snapshot()
    {
        var counts = new Dictionary<StorageOperationKind, long>();
        foreach (var kind in Kinds)
        {
            var count = Count(kind);
            if (count != 0)
            {
                counts[kind] = count;
            }
        }

        return new StorageTransactionSnapshot(counts);
    }
}
