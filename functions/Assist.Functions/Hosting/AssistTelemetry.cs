using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Assist.Functions.Hosting;

/// <summary>
/// The app's own trace source and meter, both named <see cref="Name"/>. Code that does work worth seeing in a
/// trace starts an activity here; the telemetry pipeline exports it with ASP.NET Core's request spans.
/// </summary>
public static class AssistTelemetry
{
    public const string Name = "Assist";

    public static ActivitySource ActivitySource { get; } = new(Name);

    public static Meter Meter { get; } = new(Name);
}
