using System.Collections.Concurrent;
using OpenTelemetry;
using OpenTelemetry.Metrics;

namespace Assist.Functions.Tests.Deployment;

/// <summary>An in-memory metric exporter: which metrics arrived, from which meter, and the sum of every long counter.</summary>
public sealed class MetricCollector : BaseExporter<Metric>
{
    private readonly ConcurrentDictionary<string, long> _sums = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _meters = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, long> Sums => _sums;

    /// <summary>Every exported metric's name, with the name of the meter it came from.</summary>
    public IReadOnlyDictionary<string, string> Meters => _meters;

    public override ExportResult Export(in Batch<Metric> batch)
    {
        foreach (var metric in batch)
        {
            _meters[metric.Name] = metric.MeterName;
            if (metric.MetricType != MetricType.LongSum)
            {
                continue;
            }

            long sum = 0;
            foreach (ref readonly var point in metric.GetMetricPoints())
            {
                sum += point.GetSumLong();
            }

            _sums[metric.Name] = sum;
        }

        return ExportResult.Success;
    }
}
