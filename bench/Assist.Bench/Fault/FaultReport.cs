using System.Collections.Concurrent;

namespace Assist.Bench.Fault;

/// <summary>What the fault runs counted; any loss, duplicate, missed timer, 500 or stored hostile input fails the command.</summary>
internal sealed class FaultReport
{
    private readonly ConcurrentDictionary<string, long> _counts = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _problems = new();

    public void Add(string name, long by = 1) => _counts.AddOrUpdate(name, by, (_, v) => v + by);

    public long this[string name] => _counts.GetValueOrDefault(name);

    /// <summary>A failure: counted under <paramref name="name"/> and its first examples kept for the summary.</summary>
    public void Fail(string name, string detail)
    {
        Add(name);
        if (_problems.Count < 40)
        {
            _problems.Enqueue($"{name}: {detail}");
        }
    }

    public IReadOnlyCollection<string> Problems => _problems;
}
