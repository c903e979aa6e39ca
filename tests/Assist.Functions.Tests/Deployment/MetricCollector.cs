using System.Collections.Concurrent;
using OpenTelemetry;
using OpenTelemetry.Metrics;

namespace Assist.Functions.Tests.Deployment;

/// <summary>An in-memory metric exporter: keeps the sum of every long counter by metric name.</summary>
public sealed class MetricCollector : BaseExporter<Metric>
{
    private readonly ConcurrentDictionary<string, long> _sums = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, long> Sums => _sums;

    public override ExportResult Export(in Batch<Metric> batch)
    {
        foreach (var metric in batch)
        {
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
