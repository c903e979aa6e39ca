namespace Assist.Storage.Pipeline;

/// <summary>Storage transaction counts at one moment, per operation kind (kinds never used are absent).</summary>
public sealed class StorageTransactionSnapshot(IReadOnlyDictionary<StorageOperationKind, long> counts)
{
    public IReadOnlyDictionary<StorageOperationKind, long> Counts { get; } = counts;

    public long Total => Counts.Values.Sum();

    public long this[StorageOperationKind kind] => Counts.TryGetValue(kind, out var count) ? count : 0;

    /// <summary>The transactions made since <paramref name="earlier"/>.</summary>
    public StorageTransactionSnapshot Since(StorageTransactionSnapshot earlier)
    {
        ArgumentNullException.ThrowIfNull(earlier);
        var delta = new Dictionary<StorageOperationKind, long>();
        foreach (var (kind, count) in Counts)
        {
            var difference = count - earlier[kind];
            if (difference != 0)
            {
                delta[kind] = difference;
            }
        }

        return new StorageTransactionSnapshot(delta);
    }

    public override string ToString() =>
        string.Join(", ", Counts.OrderBy(c => c.Key).Select(c => $"{c.Key}={c.Value}")) is { Length: > 0 } text ? text : "none";
}
