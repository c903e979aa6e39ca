namespace Assist.Storage.Workflow;

/// <summary>
/// When an event's counter deltas also fold their partitions. Readers sum a partition's aggregate and its unfolded
/// deltas, so folding is compaction, not correctness: doing it after every event cost two more storage calls per
/// delta (a partition read and a transaction) on every dispatch. One event in <see cref="Every"/> folds, chosen by a
/// stable hash of (ticket, version) so a re-dispatch of the same event decides the same way; a fold takes up to 99
/// deltas at once, so a partition's unfolded tail stays short.
/// </summary>
internal static class FoldSchedule
{
    public const int Every = 8;

    public static bool IsDue(string ticket, int version)
    {
        // FNV-1a over the ticket number and the version: stable across processes, unlike string.GetHashCode.
        var hash = 2166136261u;
        foreach (var c in ticket)
        {
            hash = (hash ^ c) * 16777619u;
        }

        hash = (hash ^ (uint)version) * 16777619u;
        return hash % Every == 0;
    }
}
